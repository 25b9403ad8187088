package dev.spillway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code spillway <subcommand>}. Subcommands are registered in {@link Main}. */
@Command(
    name = "spillway",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Disk-backed, two-stage bulk loader for PostgreSQL.",
      "  spill  CSV/TSV sources -> natural keys resolved to bigint ids -> sealed binary COPY segments",
      "  load   sealed segments -> COPY FROM STDIN (FORMAT binary), one transaction per segment, resumable"
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  unexpected error",
      "  2  usage error or invalid plan",
      "  3  input rejects over --max-rejects, or unreadable input",
      "  4  corrupt or incomplete spill directory",
      "  5  database error"
    })
public final class SpillwayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }
}
