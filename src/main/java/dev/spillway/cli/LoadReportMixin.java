package dev.spillway.cli;

import dev.spillway.load.LoadOptions;
import dev.spillway.load.LoadProgress;
import dev.spillway.load.LoadSummary;
import dev.spillway.load.Loader;
import dev.spillway.pg.ConnectionFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --quiet}, {@code --[no-]progress} and {@code --json}, and the load that honours them: shared by {@code load} and {@code run}. */
public final class LoadReportMixin {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;
  @Mixin ReportMixin report;
  @Mixin ProgressMixin progress;

  boolean quiet() {
    return report.quiet();
  }

  boolean json() {
    return report.json();
  }

  /** Where progress goes, empty when it is not shown. */
  java.util.Optional<ProgressOutput> progressOutput(PrintWriter err) {
    return progress.output(report, err, CliContexts.of(mixee));
  }

  /** True when text summaries go to standard output (neither --quiet nor --json). */
  boolean textSummaries() {
    return report.textSummaries();
  }

  /** Loads {@code dir} with progress on {@code err} (when shown); returns the summary for the caller to print. */
  LoadSummary loadQuietly(ConnectionFactory factory, LoadOptions options, Path dir, PrintWriter err) {
    return new Loader(factory, options, loadProgress(err)).load(dir); // closes it
  }

  /** Loads {@code dir} with progress on {@code err} (when shown) and prints the summary on {@code out}. */
  LoadSummary load(ConnectionFactory factory, LoadOptions options, Path dir, PrintWriter out, PrintWriter err) {
    LoadSummary summary = loadQuietly(factory, options, dir, err);
    print(summary, out);
    return summary;
  }

  /** The load's progress display on {@code err}, as the options say. */
  LoadProgress loadProgress(PrintWriter err) {
    return new LoadProgressView(progress.output(report, err, CliContexts.of(mixee)), err);
  }

  /** Prints the load summary on {@code out}, as the options say (text, JSON or nothing). */
  void print(LoadSummary summary, PrintWriter out) {
    report.print(out, () -> LoadSummaryText.render(summary), () -> summary);
  }
}
