package dev.spillway.cli;

import dev.spillway.load.LoadOptions;
import dev.spillway.load.LoadProgress;
import dev.spillway.load.LoadSummary;
import dev.spillway.load.Loader;
import dev.spillway.load.ProgressMode;
import dev.spillway.load.SummaryFormat;
import dev.spillway.pg.ConnectionFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --quiet} and {@code --json}, and the load that honours them: shared by {@code load} and {@code run}. */
public final class LoadReportMixin {
  @Option(names = {"-q", "--quiet"}, description = "No progress and no text summaries (errors are still printed).")
  boolean quiet;

  @Option(names = "--json", description = "Print the load summary as JSON on standard output.")
  boolean json;

  boolean quiet() {
    return quiet;
  }

  /** True when text summaries go to standard output (neither --quiet nor --json). */
  boolean textSummaries() {
    return !quiet && !json;
  }

  /** Loads {@code dir} with progress on {@code err} (unless quiet) and prints the summary on {@code out}. */
  LoadSummary load(ConnectionFactory factory, LoadOptions options, Path dir, PrintWriter out, PrintWriter err) {
    LoadSummary summary = new Loader(factory, options, progress(err)).load(dir);
    print(summary, out);
    return summary;
  }

  /** The load's progress display on {@code err}, as the options say. */
  LoadProgress progress(PrintWriter err) {
    return ProgressMode.detect(quiet, System.console() != null).create(err);
  }

  /** Prints the load summary on {@code out}, as the options say. */
  void print(LoadSummary summary, PrintWriter out) {
    if (json) {
      out.println(SummaryFormat.json(summary));
    } else if (!quiet) {
      out.print(SummaryFormat.text(summary));
    }
    out.flush();
  }
}
