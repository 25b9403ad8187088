package dev.spillway.load;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.Identifiers;
import java.util.Optional;

/**
 * How {@code spillway load} (and the load half of {@code spillway run}) puts a spill into the
 * database. Immutable; validated once here, so a {@link Loader} never sees a bad value.
 *
 * @param schema        the target schema; empty means the manifest's {@code targetSchema} ({@code --schema})
 * @param jobs          segments loaded at once, each on its own connection: 1 .. {@value #MAX_JOBS} ({@code --jobs})
 * @param onConflict    what a row whose key exists already does ({@code --on-conflict})
 * @param createTables  {@code CREATE TABLE IF NOT EXISTS} every table from the manifest first ({@code --create-tables})
 * @param deferIndexes  drop secondary indexes and foreign keys before a table's first segment and
 *                      recreate them after its last ({@code --defer-indexes})
 * @param analyze       {@code ANALYZE} each table loaded into (default true; {@code --no-analyze})
 * @param controlSchema schema of spillway's progress tables ({@code --control-schema}, default
 *                      {@value ControlSchema#DEFAULT_NAME})
 * @param otherSpills   what to do when another spill's rows are in a target table ({@code --replace},
 *                      {@code --append}; default: refuse)
 * @param shared        several loader processes, on one machine or several, divide the spill segment by
 *                      segment ({@code --shared}); without it a second load of the spill is refused
 */
public record LoadOptions(Optional<String> schema, int jobs, ConflictMode onConflict, boolean createTables,
    boolean deferIndexes, boolean analyze, String controlSchema, OtherSpillsMode otherSpills, boolean shared) {

  /** More connections than this would only queue on the server's locks and WAL. */
  public static final int MAX_JOBS = 64;

  public LoadOptions {
    checkArgument(schema != null, "schema is null (use Optional.empty())");
    schema.ifPresent(s -> checkIdentifier("--schema", s));
    checkArgument(jobs >= 1 && jobs <= MAX_JOBS, "--jobs must be 1 to %s, got: %s", MAX_JOBS, jobs);
    checkArgument(onConflict != null, "onConflict is null");
    checkArgument(controlSchema != null, "--control-schema is null");
    checkIdentifier("--control-schema", controlSchema);
    checkArgument(otherSpills != null, "otherSpills is null");
  }

  /** The options of earlier versions: another spill's rows in a target table are refused. */
  public LoadOptions(Optional<String> schema, int jobs, ConflictMode onConflict, boolean createTables,
      boolean deferIndexes, boolean analyze, String controlSchema) {
    this(schema, jobs, onConflict, createTables, deferIndexes, analyze, controlSchema, OtherSpillsMode.REFUSE, false);
  }

  /** The options of earlier versions: one loader process. */
  public LoadOptions(Optional<String> schema, int jobs, ConflictMode onConflict, boolean createTables,
      boolean deferIndexes, boolean analyze, String controlSchema, OtherSpillsMode otherSpills) {
    this(schema, jobs, onConflict, createTables, deferIndexes, analyze, controlSchema, otherSpills, false);
  }

  public LoadOptions withShared(boolean sharedLoad) {
    return new LoadOptions(schema, jobs, onConflict, createTables, deferIndexes, analyze, controlSchema, otherSpills,
        sharedLoad);
  }

  public LoadOptions withOtherSpills(OtherSpillsMode mode) {
    return new LoadOptions(schema, jobs, onConflict, createTables, deferIndexes, analyze, controlSchema, mode, shared);
  }

  /** Jobs when the user names none: two (one table's keys build while the next copies), at most {@code cores}. */
  public static final int DEFAULT_JOBS_MAX = 2;

  /** {@link #DEFAULT_JOBS_MAX}, at most the {@code cores} this JVM may use, at least 1. */
  public static int defaultJobs(int cores) {
    return Math.max(1, Math.min(DEFAULT_JOBS_MAX, cores));
  }

  /** One job, conflicts are errors, tables must exist, indexes stay, ANALYZE at the end, control schema "spillway". */
  public static LoadOptions defaults() {
    return new LoadOptions(Optional.empty(), 1, ConflictMode.ERROR, false, false, true, ControlSchema.DEFAULT_NAME);
  }

  public LoadOptions withSchema(String newSchema) {
    return new LoadOptions(Optional.of(newSchema), jobs, onConflict, createTables, deferIndexes, analyze, controlSchema, otherSpills, shared);
  }

  public LoadOptions withJobs(int newJobs) {
    return new LoadOptions(schema, newJobs, onConflict, createTables, deferIndexes, analyze, controlSchema, otherSpills, shared);
  }

  public LoadOptions withOnConflict(ConflictMode mode) {
    return new LoadOptions(schema, jobs, mode, createTables, deferIndexes, analyze, controlSchema, otherSpills, shared);
  }

  public LoadOptions withCreateTables(boolean create) {
    return new LoadOptions(schema, jobs, onConflict, create, deferIndexes, analyze, controlSchema, otherSpills, shared);
  }

  public LoadOptions withDeferIndexes(boolean defer) {
    return new LoadOptions(schema, jobs, onConflict, createTables, defer, analyze, controlSchema, otherSpills, shared);
  }

  public LoadOptions withAnalyze(boolean analyzeTables) {
    return new LoadOptions(schema, jobs, onConflict, createTables, deferIndexes, analyzeTables, controlSchema, otherSpills, shared);
  }

  public LoadOptions withControlSchema(String name) {
    return new LoadOptions(schema, jobs, onConflict, createTables, deferIndexes, analyze, name, otherSpills, shared);
  }

  private static void checkIdentifier(String option, String value) {
    try {
      Identifiers.check(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }
}
