package dev.spillway.cli;

import dev.spillway.inspect.VerifyProgress;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillProblem;
import dev.spillway.segment.SpillVerifier;
import dev.spillway.segment.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spillway verify DIR}: every segment against the manifest and its structure; exit 0 clean, 4 not. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
      "Check that a spill directory is intact, without a database.",
      "Checks every segment against the manifest (size, rows, CRC32C) and its structure, that every listed file",
      "exists and that nothing else is in segments/. Prints one line per problem (file: byte offset: problem) and",
      "exits 0 when the directory is intact, 4 when it is not."})
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseMixin verbose;

  @Parameters(paramLabel = "DIR", description = "The spill directory.")
  Path path;

  @Option(names = "--progress", negatable = true, description = "Show progress on stderr (default: on a terminal, "
      + "or for directories of 1 GiB or more).")
  Boolean progress;

  @Override
  public Integer call() {
    if (!Files.isDirectory(path)) {
      throw new ParameterException(spec.commandLine(), "not a directory: " + path);
    }
    SpillDirectory dir = SpillDirectory.open(path);
    PrintWriter out = spec.commandLine().getOut();
    VerifyProgress.Mode mode = progress == null ? VerifyProgress.Mode.AUTO
        : progress ? VerifyProgress.Mode.ALWAYS : VerifyProgress.Mode.NEVER;
    VerifyReport report;
    try (VerifyProgress listener = new VerifyProgress(spec.commandLine().getErr(), System.console() == null ? null : System.err,
        mode)) {
      report = new SpillVerifier(dir).verify(listener);
    }
    for (SpillProblem p : report.problems()) {
      out.println(p.describe(dir.root()));
    }
    if (report.clean()) {
      out.printf("OK: %d segments, %d rows, %d bytes intact in %s%n", report.segmentsChecked(), report.rows(), report.bytes(),
          dir.root());
    } else {
      out.printf("FAILED: %d problem%s in %s; %d of %d listed segments intact%n", report.problems().size(),
          report.problems().size() == 1 ? "" : "s", dir.root(), report.segmentsIntact(), report.segmentsChecked());
    }
    out.flush();
    return report.clean() ? ExitCode.OK : ExitCode.CORRUPT;
  }
}
