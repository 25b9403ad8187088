package dev.spillway.api;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.load.LoadOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a spill is loaded: what {@code spillway load}'s options say, as an immutable value whose
 * fluent methods return a new one; each value is checked when set (an identifier that is not one,
 * {@code jobs} outside 1..64), echoing it.
 *
 * <pre>{@code LoadSettings.defaults().createTables(true).jobs(2).onConflict(ConflictMode.SKIP)}</pre>
 *
 * <p>An optional {@link LoadListener} hears progress; the library never prints.
 */
public final class LoadSettings {
  /** the engine's options, validated by their constructor. */
  private final LoadOptions options;
  /** hears progress; never null. */
  private final LoadListener listener;
  /** a connection silent this long fails; zero: no limit. */
  private final Duration stallTimeout;

  /** The default stall timeout, as the command line's: 5 minutes. */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(5);

  private LoadSettings(LoadOptions options, LoadListener listener, Duration stallTimeout) {
    this.options = options;
    this.listener = Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(stallTimeout, "stallTimeout");
    checkArgument(!stallTimeout.isNegative(), "stallTimeout < 0: %s", stallTimeout);
    this.stallTimeout = stallTimeout;
  }

  /**
   * The manifest's schema, one job, conflicts are errors, tables must exist, indexes kept during the
   * load, ANALYZE at the end, progress tables in schema {@code spillway}, no listener.
   */
  public static LoadSettings defaults() {
    return new LoadSettings(LoadOptions.defaults().withJobs(LoadOptions.defaultJobs(Runtime.getRuntime().availableProcessors())),
        LoadListener.NONE, DEFAULT_STALL_TIMEOUT);
  }

  /** {@code CREATE TABLE IF NOT EXISTS} every table from the manifest first ({@code --create-tables}). */
  public LoadSettings createTables(boolean create) {
    return new LoadSettings(options.withCreateTables(create), listener, stallTimeout);
  }

  /** Segments loaded at once, each on its own connection, 1 to 64 ({@code --jobs}; default 2, 1 on a one-core machine). */
  public LoadSettings jobs(int jobs) {
    return new LoadSettings(options.withJobs(jobs), listener, stallTimeout);
  }

  /** What a row whose key exists does ({@code --on-conflict}). */
  public LoadSettings onConflict(ConflictMode mode) {
    Objects.requireNonNull(mode, "mode");
    return new LoadSettings(options.withOnConflict(dev.spillway.load.ConflictMode.valueOf(mode.name())), listener, stallTimeout);
  }

  /** Drop secondary indexes and foreign keys before a table's first segment, rebuild them after its last ({@code --defer-indexes}). */
  public LoadSettings deferIndexes(boolean defer) {
    return new LoadSettings(options.withDeferIndexes(defer), listener, stallTimeout);
  }

  /** The target schema instead of the manifest's ({@code --schema}). */
  public LoadSettings schema(String schema) {
    Objects.requireNonNull(schema, "schema");
    return new LoadSettings(options.withSchema(schema), listener, stallTimeout);
  }

  /** The schema of spillway's progress tables ({@code --control-schema}, default {@code spillway}). */
  public LoadSettings controlSchema(String schema) {
    return new LoadSettings(options.withControlSchema(schema), listener, stallTimeout);
  }

  /** {@code ANALYZE} each table loaded into (default true; {@code --no-analyze} is false). */
  public LoadSettings analyze(boolean analyze) {
    return new LoadSettings(options.withAnalyze(analyze), listener, stallTimeout);
  }

  /** What to do when a target table holds another spill's rows ({@link OtherSpills#REFUSE} by default). */
  public LoadSettings otherSpills(OtherSpills mode) {
    Objects.requireNonNull(mode, "mode");
    return new LoadSettings(options.withOtherSpills(dev.spillway.load.OtherSpillsMode.valueOf(mode.name())), listener,
        stallTimeout);
  }

  /** The {@code otherSpills} set by {@link #otherSpills}, or its default. */
  public OtherSpills otherSpills() {
    return OtherSpills.valueOf(options.otherSpills().name());
  }

  /** Who hears the load's progress ({@link LoadListener#NONE} by default). */
  public LoadSettings listener(LoadListener newListener) {
    return new LoadSettings(options, newListener, stallTimeout);
  }

  /**
   * Give up on a connection when the server sends nothing (or accepts no data) for this long
   * ({@code --stall-timeout}, default 5 minutes; zero: no limit). Committed segments stay; loading
   * again resumes. Not applied to connections from a {@code DataSource} (the pool's settings rule).
   */
  public LoadSettings stallTimeout(Duration timeout) {
    return new LoadSettings(options, listener, timeout);
  }

  /** The {@code stallTimeout} set by {@link #stallTimeout}, or its default. */
  public Duration stallTimeout() {
    return stallTimeout;
  }

  /** The {@code createTables} set by {@link #createTables}, or its default. */
  public boolean createTables() {
    return options.createTables();
  }

  /** The {@code jobs} set by {@link #jobs}, or its default. */
  public int jobs() {
    return options.jobs();
  }

  /** The {@code onConflict} set by {@link #onConflict}, or its default. */
  public ConflictMode onConflict() {
    return ConflictMode.valueOf(options.onConflict().name());
  }

  /** The {@code deferIndexes} set by {@link #deferIndexes}, or its default. */
  public boolean deferIndexes() {
    return options.deferIndexes();
  }

  /** The target schema, empty for the manifest's. */
  public Optional<String> schema() {
    return options.schema();
  }

  /** The {@code controlSchema} set by {@link #controlSchema}, or its default. */
  public String controlSchema() {
    return options.controlSchema();
  }

  /** The {@code analyze} set by {@link #analyze}, or its default. */
  public boolean analyze() {
    return options.analyze();
  }

  /** Who hears the load's progress. */
  public LoadListener listener() {
    return listener;
  }

  LoadOptions options() {
    return options;
  }

  @Override
  /** The {@code toString} set by {@link #toString}, or its default. */
  public String toString() {
    return "LoadSettings[" + options + "]";
  }
}
