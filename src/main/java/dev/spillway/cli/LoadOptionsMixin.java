package dev.spillway.cli;

import dev.spillway.load.ConflictMode;
import dev.spillway.load.LoadOptions;
import dev.spillway.load.OtherSpillsMode;
import dev.spillway.pg.ControlSchema;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of stage two, shared by {@code spillway load} and {@code spillway run}. */
public final class LoadOptionsMixin {
  @Option(names = "--schema", paramLabel = "SCHEMA", description = "Load into this schema instead of the spill's target schema.")
  String schema;

  /**
   * {@code --jobs} when not given: 2, or 1 on a one-core machine. With 2 a table's keys, foreign keys
   * and ANALYZE are built while the next table's segments are copied, as {@code pg_restore -j 2}
   * does; on bench/run-vs-psql.sh's corpus (2 cores) that made load 0.72x -> 0.88x of the serial
   * psql script at the median (issue 11, bench/results/2026-12-06-load-jobs-default.md). More than 2
   * is left to the user: beyond the server's cores the jobs only compete.
   */
  @Option(names = "--jobs", paramLabel = "N",
      description = "Segments loaded at once, each on its own connection; a table's keys, foreign keys and ANALYZE"
          + " are built while other tables load (default: " + LoadOptions.DEFAULT_JOBS_MAX + ", or 1 on a one-core machine).")
  Integer jobs;

  @Option(names = "--on-conflict", paramLabel = "MODE", defaultValue = "error", converter = ConflictModeConverter.class,
      description = "error (default): a duplicate key fails its segment; skip: keep existing rows; update: replace their"
          + " non-key values.")
  ConflictMode onConflict;

  @Option(names = "--create-tables", description = "Create each missing table as pg_restore does: the bare table"
      + " (id and key columns NOT NULL) before its data, then its primary key (id) and unique natural key after its data,"
      + " then its foreign keys (references) once the tables they reference have their keys, then ANALYZE. Crash-safe:"
      + " what is still to build is recorded and shown by status; a resumed load builds it. With --on-conflict skip or"
      + " update the keys come with the table. Existing tables are left as they are.")
  boolean createTables;

  @Option(names = "--defer-indexes", description = "For existing tables: drop secondary indexes and foreign keys"
      + " before a table's first segment and recreate them after its last (foreign keys once the tables they reference"
      + " are loaded). Needed for a foreign key within a cycle of references (a table referencing itself, a -> b -> a).")
  boolean deferIndexes;

  @Option(names = "--no-analyze", description = "Do not ANALYZE the loaded tables.")
  boolean noAnalyze;

  @Option(names = "--control-schema", paramLabel = "NAME", defaultValue = ControlSchema.DEFAULT_NAME,
      description = "Schema of spillway's progress tables (default: ${DEFAULT-VALUE}).")
  String controlSchema;

  @Option(names = "--replace", description = "Empty every target table this spill has not loaded into yet, whatever"
      + " it holds (another spill's rows, e.g. the same data spilled again with --force, or rows inserted by other"
      + " means), in one TRUNCATE before the first segment, and load this spill in their place; a warning names each"
      + " table emptied and its rows. A table this spill has loaded into is never emptied (a resumed load goes on)."
      + " Without --replace or --append, a load into tables holding another spill's rows is refused.")
  boolean replace;

  @Option(names = "--append", description = "When a target table holds the rows of another spill, add this spill's"
      + " rows to them: how an incremental spill (spill --incremental) of new rows is loaded; run --incremental implies it.")
  boolean append;

  @Option(names = "--shared", description = "Let several loaders (processes, on this machine or others with a copy"
      + " of the spill directory) load this spill at once: each claims one segment at a time in the control schema,"
      + " a claim is released when its loader's transaction or session ends, so a killed loader's segment is loaded by"
      + " another; every table is finished once, by whichever loader gets there. A load without --shared is refused"
      + " while shared loaders run, and the other way round. spillway load only: run refuses it.")
  boolean shared;

  /** The sealed options; a bad value is a usage error (exit code 2) echoing it. */
  public LoadOptions loadOptions(CommandSpec spec) {
    if (replace && append) {
      throw new ParameterException(spec.commandLine(), "--replace and --append exclude each other: --replace empties the"
          + " tables that hold another spill's rows, --append adds to them");
    }
    OtherSpillsMode others = replace ? OtherSpillsMode.REPLACE : append ? OtherSpillsMode.APPEND : OtherSpillsMode.REFUSE;
    try {
      int jobsOrDefault = jobs != null ? jobs : LoadOptions.defaultJobs(Runtime.getRuntime().availableProcessors());
      return new LoadOptions(Optional.ofNullable(schema), jobsOrDefault, onConflict, createTables, deferIndexes,
          !noAnalyze, controlSchema, others, shared);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
