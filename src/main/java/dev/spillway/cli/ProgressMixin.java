package dev.spillway.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --progress/--no-progress} on every long command (spill, load, run, verify): progress lines
 * on standard error, by default only when it is a terminal; never with {@code --quiet}.
 */
public final class ProgressMixin {
  @Option(names = "--progress", negatable = true, description = "Show progress on standard error: a line redrawn in"
      + " place on a terminal, a line every 10 seconds otherwise (default: only when standard error is a terminal;"
      + " never with --quiet).")
  Boolean progress;

  /** Where progress goes, or empty when it is not shown. */
  Optional<ProgressOutput> output(ReportMixin report, PrintWriter err, CliContext context) {
    boolean shown = !report.quiet() && (progress != null ? progress : context.stderrTerminal());
    return shown ? Optional.of(ProgressOutput.of(context, err)) : Optional.empty();
  }
}
