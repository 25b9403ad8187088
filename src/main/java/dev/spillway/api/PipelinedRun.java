package dev.spillway.api;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.load.EarlyLoad;
import dev.spillway.load.EarlyLoadSummary;
import dev.spillway.load.LoadOptions;
import dev.spillway.load.LoadProgress;
import dev.spillway.load.LoadSummary;
import dev.spillway.load.Loader;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.ProgressTable;
import dev.spillway.pg.ProgressTotal;
import dev.spillway.segment.IoErrors;
import dev.spillway.spill.SegmentWriterFactory;
import dev.spillway.spill.SourceChanges;
import dev.spillway.spill.Spill;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillResult;
import dev.spillway.spill.SpillServices;
import dev.spillway.spill.TableCompleteListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@code spillway run}: stage one and stage two at once. While stage one writes the
 * spill directory, each segment it seals is loaded ({@link EarlyLoad}, on the load's
 * {@code --jobs} connections), unless its table's foreign keys are checked row by row during the
 * load (an existing table with foreign keys): those wait until stage one ends. Once stage one has
 * sealed the spill, the ordinary load ({@link Loader}) runs on it: it finds the segments already
 * loaded in the progress table, exactly as a resumed load does, loads the rest (parents first where
 * keys are checked), then builds keys, foreign keys and indexes, and runs ANALYZE.
 *
 * <p>A table stage one reports complete before it ends (no later input can add rows to it) gets its
 * keys, foreign keys and ANALYZE from the early load as soon as its segments are in, while stage
 * one reads on, recorded as the final load records them, which then skips them. Once stage one has
 * sealed the spill every table is complete, and the early load does the same for the rest
 * ({@link EarlyLoad#finish(dev.spillway.segment.Manifest)}). When the early load has committed every
 * segment and finished every table, there is nothing left for a final load: the run flushes the
 * commits to disk on the lock's session and reports ({@link EarlyLoad#wholeLoad}).
 *
 * <p>Backpressure: stage one blocks after a seal while more than {@code maxAheadBytes} of sealed,
 * early-loadable segments are not yet committed, so it never runs further ahead of the load than
 * that and the load reads segments while they are still in the page cache.
 *
 * <p>Exactly once, and resumable at any point: every segment commits in its own transaction with
 * its progress row. The spill id is derived from what determines stage one's output (spillway's
 * version, the plan's bytes, each input file's name and fingerprint, the segment size), and stage
 * one's output is deterministic (same input, same ids, same segments): a run killed at any point
 * and run again spills the same segments under the same id, the progress rows of the segments
 * loaded before the kill still match, and those are skipped (nothing loads early in such a resumed
 * run; the final load does the rest). With changed inputs the spill gets a new id and the load
 * treats the earlier rows as another spill's ({@code --replace}, {@code --append}); {@code force}
 * (a random id) always does. Not pipelined when stage one seeds its id maps from the target
 * tables ({@code --incremental}): a run killed while spilling would seed its next try from the rows
 * it loaded. A plan reading standard input gets a random id.
 *
 * <p>When stage one fails (a reject limit, an input error), the segments it sealed before may
 * already be loaded: they stay, recorded in the progress table, as after a killed load, and
 * {@link #run} says so ({@link RunStoppedException}); running again with the same inputs goes on
 * from them, with fixed inputs (a new spill id) the load asks for {@code --replace} (or
 * {@code --append}, which would add the fixed spill's rows to these). A failure of the early load
 * stops stage one with it.
 *
 * <p>Used by {@code spillway run} ({@link #run}: stage one reads the plan's files) and by the
 * library's {@link RunWriter} ({@link #start}: stage one is fed from code, the caller driving it).
 * One run per instance. Public for the command line only: not part of the promised API (its
 * signatures carry internal types); libraries use {@link Spillway#run}.
 */
public final class PipelinedRun {
  private static final Logger LOG = LoggerFactory.getLogger(PipelinedRun.class);

  /**
   * Segment size of a pipelined run unless the user sets one: a segment loads once it is sealed, so
   * smaller segments than a plain spill's start the load sooner and overlap it with stage one more.
   */
  public static final long DEFAULT_SEGMENT_BYTES = 8L << 20;

  /** Default of {@code --max-ahead-bytes}: how far stage one may run ahead of the load. */
  public static final long DEFAULT_MAX_AHEAD_BYTES = 512L << 20;

  /**
   * What a run did.
   *
   * @param spilled             stage one's result
   * @param loadedWhileSpilling segments and rows committed while stage one was still writing
   * @param loaded              the load's summary: the segments loaded while spilling count as
   *                            loaded by this run; seconds are the whole run's
   */
  public record Result(SpillResult spilled, EarlyLoadSummary loadedWhileSpilling, LoadSummary loaded) {}

  private final SpillOptions spillOptions;
  private final SpillServices spillServices;
  private final ConnectionFactory factory;
  private final LoadOptions loadOptions;
  private final long maxAheadBytes;
  private final boolean pipelined;
  private final boolean resumable;

  /**
   * @param spillOptions  stage one's options ({@code outDir} is the work directory)
   * @param spillServices stage one's services
   * @param factory       connections to the target database
   * @param loadOptions   stage two's options
   * @param maxAheadBytes how many bytes of sealed segments may wait unloaded before stage one waits
   * @param pipelined     false: stage one first, then stage two (no early load)
   * @param resumable     true: the spill id is derived from the plan and its inputs (see the class
   *                      comment); false: a random one ({@code run --force})
   */
  public PipelinedRun(SpillOptions spillOptions, SpillServices spillServices, ConnectionFactory factory,
      LoadOptions loadOptions, long maxAheadBytes, boolean pipelined, boolean resumable) {
    checkArgument(maxAheadBytes >= 0, "maxAheadBytes < 0: %s", maxAheadBytes);
    this.spillOptions = Objects.requireNonNull(spillOptions, "spillOptions");
    this.spillServices = Objects.requireNonNull(spillServices, "spillServices");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.loadOptions = Objects.requireNonNull(loadOptions, "loadOptions");
    if (loadOptions.shared()) { // refused before stage one: the early load takes the spill alone
      throw new dev.spillway.load.LoadOptionsException("a pipelined run cannot load --shared: spill first, then"
          + " load the spill directory with shared loaders");
    }
    this.maxAheadBytes = maxAheadBytes;
    this.pipelined = pipelined;
    this.resumable = resumable;
  }

  /**
   * Spills and loads: stage one reads the plan's files ({@link Spill}).
   *
   * @param progress   hears the final load (closed when it ends)
   * @param afterSpill called with stage one's result as soon as it ends, before the final load
   */
  public Result run(LoadProgress progress, Consumer<SpillResult> afterSpill) {
    Started started;
    String spillId;
    boolean derived;
    try {
      boolean seeded = spillServices.existingRows().isPresent();
      Optional<String> fromInputs = resumable && !seeded ? contentSpillId() : Optional.empty();
      derived = fromInputs.isPresent();
      spillId = fromInputs.orElseGet(spillServices.spillIds()); // known here, to say what a failed run left loaded
      started = start(Optional.of(spillId));
    } catch (RuntimeException | Error e) {
      progress.close(); // the load never started: it would have closed it
      throw e;
    }
    SpillResult spilled;
    try {
      spilled = new Spill(spillOptions, started.services()).run();
    } catch (RuntimeException e) {
      started.abort(e, progress);
      progress.close();
      throw started.leftLoaded(e, spillId, derived);
    } catch (Error e) {
      started.abort(e, progress);
      progress.close();
      throw e;
    }
    return started.finish(spilled, progress, afterSpill);
  }

  /**
   * Begins a run whose stage one the caller drives: it runs stage one with {@link Started#services()}
   * (file-driven by {@link Spill}, or fed from code by a {@code CodeSpiller}), then calls
   * {@link Started#finish} with its result, or {@link Started#abort} when it failed. The early load
   * (when pipelined and not seeded from the database) starts with the first sealed segment.
   *
   * @param spillId the spill id stage one is to write (a resumable run's, or the one {@link #run}
   *                drew from the services), empty for the services' own (random) one; ignored when
   *                stage one seeds from the database
   */
  public Started start(Optional<String> spillId) {
    long startedNanos = System.nanoTime();
    SpillServices services = spillServices;
    boolean seeded = services.existingRows().isPresent();
    if (spillId.isPresent() && !seeded) {
      String id = spillId.get();
      LOG.debug("spill id {}", id);
      services = services.withSpillId(id);
    }
    EarlyLoad load = null;
    if (pipelined && !seeded) {
      load = new EarlyLoad(factory, loadOptions, spillOptions.outDir(), maxAheadBytes);
      EarlyLoad early = load;
      TableCompleteListener also = services.tablesComplete();
      services = services.withSegmentWriters(tee(services.segmentWriters(), load))
          .withTablesComplete(table -> {
            also.complete(table);
            early.tableComplete(table); // its keys are built while stage one reads on
          });
    }
    return new Started(services, load, startedNanos);
  }

  /**
   * A run whose stage one is under way ({@link #start}): the early load, if any, loads each segment
   * stage one seals on threads of its own. Stage one's thread calls {@link #checkLoad} whenever it
   * likes (a seal checks too, and waits there while stage one is too far ahead), then exactly one of
   * {@link #finish} and {@link #abort}.
   */
  public final class Started {
    private final SpillServices services;
    /** null: not pipelined. */
    private final EarlyLoad load;
    private final long startedNanos;

    private Started(SpillServices services, EarlyLoad load, long startedNanos) {
      this.services = services;
      this.load = load;
      this.startedNanos = startedNanos;
    }

    /** What stage one must run with: the run's spill id, and segment writers that hand each seal to the early load. */
    public SpillServices services() {
      return services;
    }

    /** Throws the early load's failure, if it failed (cheap: one volatile read). */
    public void checkLoad() {
      if (load != null) {
        load.checkFailure();
      }
    }

    /**
     * Stage one failed with {@code failure}: stops the early load (segments being loaded still
     * commit or roll back; what committed stays) and releases its lock. A failure to stop is added
     * to {@code failure} as suppressed. The warnings of the early load's setup, if it ran (a session
     * of an earlier load it terminated), go to {@code progress}, which stays open.
     */
    public void abort(Throwable failure, LoadProgress progress) {
      if (load == null) {
        return;
      }
      try {
        load.close();
      } catch (RuntimeException suppressed) {
        if (suppressed != failure) {
          failure.addSuppressed(suppressed);
        }
      } finally {
        load.setupWarnings().forEach(progress::warning);
      }
      load.failure().filter(f -> f != failure && !causedBy(failure, f) && !java.util.List.of(failure.getSuppressed()).contains(f))
          .ifPresent(failure::addSuppressed); // a worker's failure is not lost
    }

    /**
     * After {@link #abort}: {@code failure} as a {@link RunStoppedException} saying what the spill
     * {@code spillId} has in the target tables, when its early load set up (the database was
     * reached), stage one's failure is not the early load's own (whose message says what to do)
     * and the progress table lists segments of it: loaded while stage one read, or by an earlier
     * run of the same spill. Else {@code failure} itself, also when reading the progress fails
     * (added to it as suppressed).
     *
     * @param resumable whether the spill id is derived from the plan and its inputs
     */
    RuntimeException leftLoaded(RuntimeException failure, String spillId, boolean resumable) {
      if (load == null || !load.setupStarted()
          || load.failure().filter(f -> f == failure || causedBy(failure, f)).isPresent()) {
        return failure;
      }
      ConnectionFactory progressReader = factory.withApplicationName(factory.options().applicationName() + " stopped");
      try (Connection c = progressReader.open()) {
        List<ProgressTotal> committed = new ProgressTable(new ControlSchema(loadOptions.controlSchema())).totals(c, spillId);
        return committed.isEmpty() ? failure : new RunStoppedException(failure, spillId, committed, resumable);
      } catch (SQLException | RuntimeException e) {
        failure.addSuppressed(e);
        return failure;
      }
    }

    /**
     * Stage one sealed the spill ({@code spilled}): waits for the early load to load what is queued,
     * then runs the ordinary load on the complete spill.
     *
     * @param progress   hears the final load (closed when it ends, or here when it never starts)
     * @param afterSpill called with {@code spilled} before the final load
     */
    public Result finish(SpillResult spilled, LoadProgress progress, Consumer<SpillResult> afterSpill) {
      EarlyLoadSummary early;
      long spilledNanos = System.nanoTime();
      try {
        try {
          early = load == null ? EarlyLoadSummary.none() : load.finish(spilled.manifest());
        } finally {
          if (load != null) {
            load.setupWarnings().forEach(progress::warning); // heard when the early load failed, too
          }
        }
        afterSpill.accept(spilled);
      } catch (RuntimeException | Error e) {
        progress.close(); // the load never started: it would have closed it
        throw e;
      }
      long drainedNanos = System.nanoTime();
      Optional<LoadSummary> whole = load == null ? Optional.empty() : load.wholeLoad(spilled.manifest(), progress);
      LoadSummary loaded = whole.isPresent() ? whole.get()
          : new Loader(factory, loadOptions, progress).load(spillOptions.outDir());
      LOG.debug("stage one ended {} ms into the run; the early load drained in {} ms, the final load took {} ms",
          (spilledNanos - startedNanos) / 1_000_000, (drainedNanos - spilledNanos) / 1_000_000,
          (System.nanoTime() - drainedNanos) / 1_000_000);
      return new Result(spilled, early, early.addTo(loaded, (System.nanoTime() - startedNanos) / 1e9));
    }
  }

  /** Whether {@code f} is {@code e} or one of its causes (stage one stopped because of the early load). */
  private static boolean causedBy(Throwable e, Throwable f) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t == f) {
        return true;
      }
    }
    return false;
  }

  /**
   * Each writer also tells {@code load} about each seal, after stage one's own listener (the
   * manifest); opening the first writer (the open manifest is published by then) starts the
   * early load's setup.
   */
  private static SegmentWriterFactory tee(SegmentWriterFactory writers, EarlyLoad load) {
    return (dir, header, maxSegmentBytes, listener) -> {
      load.prepare();
      return writers.open(dir, header, maxSegmentBytes, segment -> {
        listener.sealed(segment);
        load.sealed(segment);
      });
    };
  }

  /**
   * The spill id of a run that can be resumed: derived from what determines stage one's output
   * (spillway's version, the plan's bytes, each input file's name and fingerprint, the segment
   * size), so a run killed at any point, even while stage one was clearing the work directory, and
   * run again, spills the same segments under the same id, and the progress rows of what it loaded
   * still match. Empty (a random id) for a plan that reads standard input.
   */
  private Optional<String> contentSpillId() {
    Optional<List<String>> inputs = SourceChanges.fingerprints(spillOptions.planFile());
    if (inputs.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(derivedSpillId("spillway run v1\n" + spillServices.spillwayVersion() + "\n"
          + spillOptions.maxSegmentBytes() + "\n", Files.readAllBytes(spillOptions.planFile()), inputs.get()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the plan " + spillOptions.planFile() + ": " + IoErrors.describe(e), e);
    }
  }

  /**
   * A spill id derived from what determines a stage one's output: a name-based UUID of the SHA-256
   * of {@code header}, the plan's bytes and each of {@code lines} (each after a newline).
   */
  static String derivedSpillId(String header, byte[] planBytes, List<String> lines) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(header.getBytes(StandardCharsets.UTF_8));
      sha.update(planBytes);
      for (String line : lines) {
        sha.update(("\n" + line).getBytes(StandardCharsets.UTF_8));
      }
      return UUID.nameUUIDFromBytes(sha.digest()).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
