package dev.spillway.cli;

import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillVerifier;
import dev.spillway.segment.VerifyListener;
import dev.spillway.segment.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spillway verify DIR}: every segment against the manifest and its structure; exit 0 clean, 4 not. */
@Command(name = "verify",
    description = {
      "Check that a spill directory is intact, without a database.",
      "Checks every segment against the manifest (size, rows, CRC32C) and its structure, that every listed file"
          + " exists and that nothing else is in segments/. Prints one line per problem (file: byte offset: problem) and"
          + " exits 0 when the directory is intact, 4 when it is not."})
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpMixin help;
  @Mixin VerboseMixin verbose;

  @Parameters(paramLabel = "DIR", description = "The spill directory.")
  Path path;

  @Mixin ReportMixin report;
  @Mixin ProgressMixin progress;

  @Override
  public Integer call() {
    SpillDirectoryArgument.require(spec, path);
    SpillDirectory dir = SpillDirectory.open(path);
    PrintWriter err = spec.commandLine().getErr();
    VerifyReport result;
    Optional<ProgressOutput> output = progress.output(report, err, CliContexts.of(spec));
    try (VerifyProgressView view = output.map(VerifyProgressView::new).orElse(null)) {
      result = new SpillVerifier(dir).verify(view == null ? VerifyListener.NONE : view);
    }
    report.print(spec.commandLine().getOut(), () -> text(dir, result), () -> VerifyResult.of(dir.root(), result));
    return result.clean() ? ExitCode.OK : ExitCode.CORRUPT;
  }

  /** One line per problem, then the verdict. */
  private static String text(SpillDirectory dir, VerifyReport r) {
    StringBuilder out = new StringBuilder();
    r.problems().forEach(p -> out.append(p.describe(dir.root())).append(System.lineSeparator()));
    if (r.clean()) {
      out.append("OK: ").append(Units.count(r.segmentsChecked())).append(" segments, ").append(Units.count(r.rows()))
          .append(" rows, ").append(Units.bytes(r.bytes())).append(" intact in ").append(dir.root());
    } else {
      int n = r.problems().size();
      out.append("FAILED: ").append(Units.count(n)).append(n == 1 ? " problem" : " problems").append(" in ")
          .append(dir.root()).append("; ").append(Units.count(r.segmentsIntact())).append(" of ")
          .append(Units.count(r.segmentsChecked())).append(" listed segments intact");
    }
    return out.append(System.lineSeparator()).toString();
  }
}
