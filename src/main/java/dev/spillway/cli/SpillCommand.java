package dev.spillway.cli;

import dev.spillway.spill.OutputDirectoryException;
import dev.spillway.spill.Spill;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillResult;
import dev.spillway.spill.SpillServices;
import dev.spillway.spill.SummaryTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spillway spill}: stage one (see {@link Spill}). Prints progress on stderr (a bar on a
 * terminal, a line every 10 seconds otherwise, nothing with {@code --quiet}) and the summary table
 * on stdout. Options shared with {@code run} are in {@link SpillOptionsMixin}.
 */
@Command(name = "spill", mixinStandardHelpOptions = true,
    description = {"Stage one: read the plan's sources (format.type csv, text = PostgreSQL's COPY text format, jsonl "
        + "= JSON lines, tsv; files, .gz, .zst, or standard input with file: \"-\"), resolve natural keys to ids and "
        + "write a sealed spill directory (segments, manifest.json, id maps, rejects.csv).",
        "With --url, the id maps are first seeded from the rows already in the target tables (an incremental load)."})
final class SpillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseMixin verbose;

  @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The plan file (YAML).")
  Path plan;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The spill directory to create.")
  Path out;

  @Mixin SpillOptionsMixin spillOptions;

  @Option(names = "--force", description = "Replace an existing spill directory at DIR.")
  boolean force;

  @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
  boolean quiet;

  /** {@code --url}: seed the id maps from the target database's rows for an incremental load. */
  @Mixin ConnectionMixin connection;

  @Override
  public Integer call() {
    SpillOptions options = spillOptions.options(plan, out, force);
    SpillServices services = spillOptions.services(spec.commandLine().getErr(), quiet);
    if (connection.url() != null) {
      services = services.withExistingRows(new PgExistingRows(connection.connectionFactory(spec.commandLine().getErr())));
    }
    SpillResult result;
    try {
      result = new Spill(options, services).run();
    } catch (OutputDirectoryException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    spec.commandLine().getOut().print(SummaryTable.render(result));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
