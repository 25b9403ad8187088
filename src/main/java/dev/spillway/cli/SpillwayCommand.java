package dev.spillway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code spillway <subcommand>}. Subcommands are registered in {@link Main}. */
@Command(
    name = "spillway",
    versionProvider = VersionProvider.class,
    description = {
      "Disk-backed, two-stage bulk loader for PostgreSQL.",
      "  spill    CSV, TSV, text, JSON lines -> keys resolved -> binary COPY segments",
      "  load     segments -> COPY (FORMAT binary), resumable per segment",
      "  run      spill, then load; run it again to resume",
      "  status   how far a spill directory is loaded (progress rows)",
      "  inspect  describe a spill directory or a segment file",
      "  verify   check a spill directory; exit 4 when it is not intact",
      "  cat      print a table's rows as csv, tsv, jsonl or binary",
      "inspect, verify and cat need no database.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  unexpected error",
      "  2  usage error or invalid plan",
      "  3  input rejects over --max-rejects, or unreadable input",
      "  4  corrupt, incomplete or unreadable spill directory, or one that cannot be written",
      "  5  database error"
    })
public final class SpillwayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @picocli.CommandLine.Mixin HelpMixin help;

  @picocli.CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
  boolean version;

  /** The environment every subcommand reads (via {@link CliContexts}). */
  private final CliContext context;

  SpillwayCommand(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }
}
