package dev.spillway.cli;

import dev.spillway.segment.IoErrors;
import dev.spillway.spill.OutputDirectoryException;
import dev.spillway.spill.Spill;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillResult;
import dev.spillway.spill.SpillServices;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spillway spill}: stage one (see {@link Spill}). Progress on stderr ({@link ProgressMixin}),
 * the summary table or {@code --json} document on stdout ({@link ReportMixin}). Options shared with
 * {@code run} are in {@link SpillOptionsMixin}; {@code --incremental} seeds the id maps from the
 * database, as {@code run --incremental} does.
 */
@Command(name = "spill",
    description = {"Stage one: read the plan's sources (format.type csv, text = PostgreSQL's COPY text format, jsonl "
        + "= JSON lines, tsv; files, .gz, .zst, or standard input with file: \"-\"), resolve natural keys to ids and "
        + "write a sealed spill directory (segments, manifest.json, id maps, rejects.csv).",
        "With --incremental, the id maps are first seeded from the rows already in the target tables (connect with"
        + " --url or -h/-p/-U/-d): new ids start above the existing ones and existing dimension rows are not written"
        + " again."})
final class SpillCommand implements Callable<Integer>, SignalNote {
  @Spec CommandSpec spec;
  @Mixin HelpMixin help;
  @Mixin VerboseMixin verbose;

  @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The plan file (YAML).")
  Path plan;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The spill directory to create.")
  Path out;

  @Mixin SpillOptionsMixin spillOptions;

  @Option(names = "--force", description = "Replace an existing spill directory at DIR.")
  boolean force;

  @Option(names = "--incremental", description = "Seed the id maps from the rows already in the target tables (an"
      + " incremental load; then load with --append). Connects with --url or -h/-p/-U/-d and the PG* variables.")
  boolean incremental;

  @Mixin ReportMixin report;
  @Mixin ProgressMixin progress;

  /** Where to seed from, with {@code --incremental}. */
  @Mixin ConnectionMixin connection;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    boolean seed = seeds(err);
    SpillOptions options = spillOptions.options(plan, out, force);
    SpillServices services = spillOptions.services(err, progress.output(report, err, CliContexts.of(spec)));
    if (seed) {
      services = services.withExistingRows(new PgExistingRows(connection.connectionFactory(err)));
    }
    SpillResult result;
    try {
      result = new Spill(options, services).run();
    } catch (OutputDirectoryException e) {
      if (IoErrors.isIo(e)) {
        throw e; // it cannot be created, listed, emptied or locked: exit 4, as a spill directory that cannot be written
      }
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    SpillReport summary = SpillReport.of(result);
    report.print(spec.commandLine().getOut(), summary::text, () -> summary);
    return ExitCode.OK;
  }

  /** Stage one cannot resume: the directory it leaves is open, and only --force replaces it. */
  @Override
  public String afterSignal() {
    String rerun = force ? "run the same command again" : "run it again with --force";
    return "stage one cannot resume: " + rerun + " (it discards what the stopped spill left in " + out + " and starts"
        + " over)";
  }

  /**
   * Whether to seed from the database: {@code --incremental}; or, the old spelling, {@code --url}
   * alone (deprecated, with a warning). Other connection options without {@code --incremental} are an error.
   */
  private boolean seeds(PrintWriter err) {
    if (incremental || !connection.given()) {
      return incremental;
    }
    if (connection.onlyUrl()) {
      err.println("spillway: warning: spill --url without --incremental is deprecated: write --incremental --url ...");
      err.flush();
      return true;
    }
    throw new ParameterException(spec.commandLine(), "connection options are used only with --incremental (seeding the"
        + " id maps from the database)");
  }
}
