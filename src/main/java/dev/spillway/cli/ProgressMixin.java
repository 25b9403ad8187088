package dev.spillway.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --progress/--no-progress} on every long command (spill, load, run, verify): progress lines
 * on standard error, by default only when it is a terminal; never with {@code --quiet}.
 */
public final class ProgressMixin {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--progress", negatable = true, description = "Show progress on standard error: a line redrawn in"
      + " place on a terminal, a line every 10 seconds otherwise (default: only when standard error is a terminal;"
      + " never with --quiet).")
  Boolean progress;

  /** Where progress goes, or empty when it is not shown. */
  Optional<ProgressOutput> output(ReportMixin report, PrintWriter err) {
    CliContext context = CliContexts.of(mixee);
    boolean shown = !report.quiet() && (progress != null ? progress : context.stderrTerminal());
    return shown ? Optional.of(ProgressOutput.of(context, err)) : Optional.empty();
  }
}
