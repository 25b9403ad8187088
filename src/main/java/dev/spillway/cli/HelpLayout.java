package dev.spillway.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.Model.ArgSpec;

/**
 * How {@code --help} looks: option values shown as {@code -o FILE}, not picocli's {@code -o=FILE}
 * (both forms are accepted when parsing), wrapped on word boundaries at the width the command line
 * was given ({@link Main#commandLine(CliContext)}).
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
    cmd.setUsageHelpLongOptionsMaxWidth(24);
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
