package dev.spillway.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.Model.ArgSpec;

/**
 * How {@code --help} looks: option values shown as {@code -o FILE}, not picocli's {@code -o=FILE}
 * (both forms are accepted when parsing), wrapped at spaces only ({@link HelpText}) at the width the
 * command line was given ({@link Main#commandLine(CliContext)}).
 */
final class HelpLayout {
  private HelpLayout() {}

  static void apply(CommandLine cmd, CliContext context) {
    cmd.setHelpFactory((spec, colors) -> new Help(spec, colors) {
      @Override
      public IParamLabelRenderer createDefaultParamLabelRenderer() {
        return spaced(super.createDefaultParamLabelRenderer());
      }

      @Override
      public IParamLabelRenderer parameterLabelRenderer() {
        return spaced(super.parameterLabelRenderer());
      }
    });
    cmd.setUsageHelpWidth(context.columns());
    cmd.setUsageHelpAutoWidth(context.stderrTerminal());
    sections(cmd);
  }

  /** spillway's own rendering ({@link HelpText}) of every section that wraps text, on every command. */
  private static void sections(CommandLine cmd) {
    var map = cmd.getHelpSectionMap();
    map.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, HelpText::synopsis);
    map.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpText::description);
    map.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpText::parameters);
    map.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpText::options);
    map.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpText::commands);
    cmd.setHelpSectionMap(map);
    cmd.getSubcommands().values().forEach(HelpLayout::sections);
  }

  private static IParamLabelRenderer spaced(IParamLabelRenderer picocli) {
    return new IParamLabelRenderer() {
      @Override
      public Ansi.Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<Ansi.IStyle> styles) {
        Ansi.Text text = picocli.renderParameterLabel(arg, ansi, styles);
        String sep = picocli.separator();
        return text.plainString().startsWith(sep) ? ansi.new Text(" ").concat(text.substring(sep.length())) : text;
      }

      @Override
      public String separator() {
        return " ";
      }
    };
  }
}
