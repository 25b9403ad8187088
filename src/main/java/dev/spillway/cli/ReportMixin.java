package dev.spillway.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code -q/--quiet} and {@code --json}, with one meaning on every command that reports (spill, load,
 * run, status, verify): quiet prints no progress and no text summary (errors and warnings still go
 * to standard error); {@code --json} prints one JSON document on standard output instead of the text
 * summary (also with {@code --quiet}). The documents' members are listed in docs/cli.md.
 */
public final class ReportMixin {
  @Option(names = {"-q", "--quiet"}, description = "No progress and no text summary; errors and warnings are still"
      + " printed, and --json still prints its document.")
  boolean quiet;

  @Option(names = "--json", description = "Print the report as one JSON document on standard output (members: see"
      + " docs/cli.md) instead of the text summary.")
  boolean json;

  boolean quiet() {
    return quiet;
  }

  boolean json() {
    return json;
  }

  /** True when the text summary goes to standard output (neither --quiet nor --json). */
  boolean textSummaries() {
    return !quiet && !json;
  }

  /** Prints {@code text} unless quiet or JSON; {@code json} (rendered only then) with --json. */
  void print(PrintWriter out, java.util.function.Supplier<String> text, java.util.function.Supplier<Object> json) {
    if (this.json) {
      out.println(JsonReport.render(json.get()));
    } else if (!quiet) {
      String t = text.get();
      out.print(t.endsWith("\n") ? t : t + System.lineSeparator());
    }
    out.flush();
  }
}
