package dev.spillway.cli;

import dev.spillway.inspect.InspectJson;
import dev.spillway.inspect.InspectText;
import dev.spillway.inspect.SegmentSummary;
import dev.spillway.inspect.SpillSummary;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SpillDirectory;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spillway inspect DIR|FILE [--json]}: what a spill directory or a lone segment holds. No database. */
@Command(name = "inspect",
    description = {
      "Describe a spill directory, or one segment file, without a database.",
      "A directory is described from its manifest: spill id, state, versions, sources with counters, tables with"
          + " columns, key, segments, rows and bytes. A segment file (.pgcopy or .pgcopy.zst) is described from its own"
          + " header, scanning it completely."})
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpMixin help;
  @Mixin VerboseMixin verbose;

  @Parameters(paramLabel = "DIR|FILE", description = "A spill directory, or one segment file.")
  Path path;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    String text;
    if (Files.isDirectory(path)) {
      SpillSummary summary = SpillSummary.of(new ManifestStore(SpillDirectory.open(path)).read());
      text = json ? InspectJson.render(summary) : InspectText.render(summary);
    } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      SegmentSummary summary = SegmentSummary.scan(path);
      text = json ? InspectJson.render(summary) : InspectText.render(summary);
    } else {
      throw new ParameterException(spec.commandLine(), "no such file or directory: " + path);
    }
    spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
