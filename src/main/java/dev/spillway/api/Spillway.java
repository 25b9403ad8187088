package dev.spillway.api;

import dev.spillway.load.LoadProgress;
import dev.spillway.load.Loader;
import dev.spillway.pg.ClientEnvironment;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ConnectionOptions;
import dev.spillway.segment.Compression;
import dev.spillway.spill.CodeSpiller;
import dev.spillway.spill.SegmentWriterFactory;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * spillway as a library: the entry points. Stage one from code ({@link #spill}) writes a spill
 * directory, a self-describing artifact that can be kept, copied, inspected and loaded later;
 * stage two ({@link #load}) loads it exactly once, resuming where an interrupted load stopped.
 * {@link #run} does both at once: the segments of a spill fed from code load while the program
 * writes ({@link RunWriter}). Nothing here prints; progress goes to an optional {@link LoadListener}.
 *
 * <pre>{@code
 * try (SpillWriter w = Spillway.spill(Path.of("plan.yaml"), Path.of("/tmp/spill"))) {
 *   w.record("packages", Map.of("name", "guava", "version", "33.4.8"));
 *   w.finish();
 * }
 * LoadResult r = Spillway.load(Path.of("/tmp/spill"), "postgresql://localhost/db",
 *     LoadSettings.defaults().createTables(true));
 * }</pre>
 *
 * <p>Errors are unchecked exceptions whose messages name the plan path, file or source and
 * record, table, column and value concerned. Only types of this package are promised; the
 * exception classes are not. Stateless and thread-safe; each writer is single-threaded.
 *
 * <p>The JVM needs the flags Chronicle Map needs on Java 17 (the id maps live off-heap):
 * {@code --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
 * --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED}
 * (README, "As a Java library").
 */
public final class Spillway {
  /** application_name of the load's connections, as the command line's. */
  private static final String APPLICATION_NAME = "spillway";

  private Spillway() {}

  /** {@link #spill(Plan, Path, SpillSettings)} of the plan file {@code plan}, with {@link SpillSettings#defaults()}. */
  public static SpillWriter spill(Path plan, Path outDir) {
    return spill(Plan.load(plan), outDir, SpillSettings.defaults());
  }

  /**
   * Starts a spill of {@code plan} into {@code outDir}: checks the plan's constants (and file
   * sources, which are read now), prepares and locks the directory ({@code settings.force()} to
   * replace a spill there) and returns the writer that takes the records of the sources fed from
   * code. Close it; {@link SpillWriter#finish} makes the spill loadable.
   */
  public static SpillWriter spill(Plan plan, Path outDir, SpillSettings settings) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(settings, "settings");
    List<String> warnings = new ArrayList<>();
    CodeSpiller spiller = CodeSpiller.start(plan.spec(), plan.yamlBytes(), spillOptions(plan, outDir, settings),
        spillServices(settings, warnings));
    return SpillWriter.of(spiller, warnings);
  }

  /**
   * Starts a pipelined run of {@code plan}: a spill into {@code workDir} whose sealed segments load
   * into the database at {@code url} while the program goes on writing records (see
   * {@link RunWriter}). {@code workDir} is the run's own: a spill directory there (a failed run's)
   * is replaced; anything else there is refused. Checks as {@link #spill} does before writing;
   * the load connects when the first segment seals. Close the writer; {@link RunWriter#finish}
   * completes the spill and the load.
   */
  public static RunWriter run(Plan plan, Path workDir, String url, RunSettings settings) {
    Objects.requireNonNull(settings, "settings");
    ConnectionFactory factory = new ConnectionFactory(ConnectionOptions.resolve(url, ClientEnvironment.ofSystem()))
        .withStallTimeout(settings.load().stallTimeout());
    return run(plan, workDir, factory, settings);
  }

  /**
   * As {@link #run(Plan, Path, String, RunSettings)}, with connections from {@code dataSource} (at
   * most {@code jobs} of the load while writing, then {@code jobs} + 2; each is set to autocommit and
   * closed after use).
   */
  public static RunWriter run(Plan plan, Path workDir, DataSource dataSource, RunSettings settings) {
    Objects.requireNonNull(dataSource, "dataSource");
    return run(plan, workDir, ConnectionFactory.ofDataSource(dataSource, APPLICATION_NAME), settings);
  }

  private static RunWriter run(Plan plan, Path workDir, ConnectionFactory factory, RunSettings settings) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(settings, "settings");
    SpillOptions options = spillOptions(plan, workDir, settings.spill()).withForce(true);
    List<String> warnings = new ArrayList<>();
    SpillServices services = spillServices(settings.spill(), warnings);
    PipelinedRun pipelined = new PipelinedRun(options, services, factory, settings.load().options(),
        settings.maxAheadBytes(), true, false);
    Optional<String> spillId = settings.runId().map(runId -> PipelinedRun.derivedSpillId("spillway run from code v1\n"
        + services.spillwayVersion() + "\n" + options.maxSegmentBytes() + "\n" + settings.spill().compression() + "\n"
        + runId.length() + ":" + runId + "\n", plan.yamlBytes(), List.of()));
    return RunWriter.start(pipelined.start(spillId),
        s -> CodeSpiller.start(plan.spec(), plan.yamlBytes(), options, s), listening(settings.load().listener()),
        warnings, workDir);
  }

  private static SpillOptions spillOptions(Plan plan, Path outDir, SpillSettings settings) {
    return SpillOptions.of(plan.spec().planFile(), outDir).withMaxSegmentBytes(settings.maxSegmentBytes())
        .withMaxRejects(settings.maxRejects()).withForce(settings.force());
  }

  /** Stage one's services: this jar's version, the settings' compression, warnings into {@code warnings}. */
  private static SpillServices spillServices(SpillSettings settings, List<String> warnings) {
    return SpillServices.defaults(version())
        .withSegmentWriters(SegmentWriterFactory.of(Compression.valueOf(settings.compression().name())))
        .withWarnings(warnings::add);
  }

  /**
   * Loads the complete spill {@code spillDir} into the database at {@code url} (a
   * {@code postgresql://} URI or a {@code jdbc:postgresql:} URL; libpq's environment and password
   * file apply as for psql): each segment in one transaction with its progress row, so loading the
   * same spill again resumes and never loads a segment twice.
   */
  public static LoadResult load(Path spillDir, String url, LoadSettings settings) {
    Objects.requireNonNull(settings, "settings");
    ConnectionFactory factory = new ConnectionFactory(ConnectionOptions.resolve(url, ClientEnvironment.ofSystem()))
        .withStallTimeout(settings.stallTimeout());
    return load(spillDir, factory, settings);
  }

  /**
   * As {@link #load(Path, String, LoadSettings)}, with connections from {@code dataSource} (at
   * most {@code jobs} + 2 at once; each is set to autocommit and closed after use).
   */
  public static LoadResult load(Path spillDir, DataSource dataSource, LoadSettings settings) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(settings, "settings");
    return load(spillDir, ConnectionFactory.ofDataSource(dataSource, APPLICATION_NAME), settings);
  }

  private static LoadResult load(Path spillDir, ConnectionFactory factory, LoadSettings settings) {
    Objects.requireNonNull(spillDir, "spillDir");
    return Results.of(new Loader(factory, settings.options(), listening(settings.listener())).load(spillDir));
  }

  /**
   * A writer of records straight into the database, inside the caller's transaction on {@code c}
   * (autocommit off; it never commits), with the same plan a backfill uses: see {@link LiveWriter}.
   */
  public static LiveWriter live(Connection c, Plan plan) {
    return LiveWriter.open(c, plan);
  }

  /** The engine's progress interface, heard by {@code listener}. */
  private static LoadProgress listening(LoadListener listener) {
    return new LoadProgress() {
      @Override
      public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {
        listener.started(spillId, segments, rows, bytes, alreadyLoaded);
      }

      @Override
      public void segmentLoaded(String table, long rows, long bytes) {
        listener.segmentLoaded(table, rows, bytes);
      }

      @Override
      public void warning(String message) {
        listener.warning(message);
      }

      @Override
      public void durable(String flushLsn) {
        listener.finished();
      }

      @Override
      public void close() {}
    };
  }

  /** The version written into manifests: the jar's, or {@code dev} when run from classes. */
  static String version() {
    String v = Spillway.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
