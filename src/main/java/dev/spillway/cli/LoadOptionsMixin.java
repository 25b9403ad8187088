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

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
      description = "Segments loaded at once, each on its own connection (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--on-conflict", paramLabel = "MODE", defaultValue = "error", converter = ConflictModeConverter.class,
      description = "error (default): a duplicate key fails its segment; skip: keep existing rows; update: replace their"
          + " non-key values.")
  ConflictMode onConflict;

  @Option(names = "--create-tables", description = "CREATE TABLE IF NOT EXISTS each table first (primary key on the id,"
      + " unique natural key, foreign keys for references).")
  boolean createTables;

  @Option(names = "--defer-indexes", description = "Drop secondary indexes and foreign keys before a table's first"
      + " segment and recreate them after its last.")
  boolean deferIndexes;

  @Option(names = "--no-analyze", description = "Do not ANALYZE the loaded tables.")
  boolean noAnalyze;

  @Option(names = "--control-schema", paramLabel = "NAME", defaultValue = ControlSchema.DEFAULT_NAME,
      description = "Schema of spillway's progress tables (default: ${DEFAULT-VALUE}).")
  String controlSchema;

  @Option(names = "--replace", description = "When a target table holds the rows of another spill (e.g. the same data"
      + " spilled again with --force), empty every table this spill has not loaded into yet (one TRUNCATE, before the"
      + " first segment) and load this spill in their place. Without --replace or --append such a load is refused.")
  boolean replace;

  @Option(names = "--append", description = "When a target table holds the rows of another spill, add this spill's"
      + " rows to them: how an incremental spill (spill --url) of new rows is loaded; run --incremental implies it.")
  boolean append;

  /** The sealed options; a bad value is a usage error (exit code 2) echoing it. */
  public LoadOptions loadOptions(CommandSpec spec) {
    if (replace && append) {
      throw new ParameterException(spec.commandLine(), "--replace and --append exclude each other: --replace empties the"
          + " tables that hold another spill's rows, --append adds to them");
    }
    OtherSpillsMode others = replace ? OtherSpillsMode.REPLACE : append ? OtherSpillsMode.APPEND : OtherSpillsMode.REFUSE;
    try {
      return new LoadOptions(Optional.ofNullable(schema), jobs, onConflict, createTables, deferIndexes, !noAnalyze,
          controlSchema, others);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
