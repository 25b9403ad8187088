package dev.spillway.api;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.load.EarlyLoad;
import dev.spillway.load.EarlyLoadSummary;
import dev.spillway.load.LoadOptions;
import dev.spillway.load.LoadProgress;
import dev.spillway.load.LoadSummary;
import dev.spillway.load.Loader;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.segment.SealListener;
import dev.spillway.spill.SegmentWriterFactory;
import dev.spillway.spill.SourceChanges;
import dev.spillway.spill.Spill;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillResult;
import dev.spillway.spill.SpillServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * already be loaded: they stay, recorded in the progress table, as after a killed load; running
 * again with the same inputs goes on from them, with fixed inputs (a new spill id) the load asks
 * for {@code --replace} or {@code --append}. A failure of the early load stops stage one with it.
 *
 * <p>Used by {@code spillway run} and by the library's run. One run per instance.
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
   * Spills and loads.
   *
   * @param progress   hears the final load (closed when it ends)
   * @param afterSpill called with stage one's result as soon as it ends, before the final load
   */
  public Result run(LoadProgress progress, Consumer<SpillResult> afterSpill) {
    long startedNanos = System.nanoTime();
    SpillResult spilled;
    EarlyLoadSummary early;
    try {
      SpillServices services = spillServices;
      boolean seeded = services.existingRows().isPresent();
      Optional<String> pinned = resumable && !seeded ? contentSpillId() : Optional.empty();
      if (pinned.isPresent()) {
        String id = pinned.get();
        LOG.debug("spill id {}, derived from the plan and its inputs", id);
        services = new SpillServices(services.clock(), () -> id, services.spillwayVersion(), services.progress(),
            services.existingRows(), services.segmentWriters(), services.warnings(), services.stdin());
      }
      if (pipelined && !seeded) {
        EarlyLoad load = new EarlyLoad(factory, loadOptions, spillOptions.outDir(), maxAheadBytes);
        try {
          spilled = new Spill(spillOptions, services.withSegmentWriters(tee(services.segmentWriters(), load::sealed)))
              .run();
        } catch (RuntimeException | Error e) {
          try {
            load.close();
          } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
          load.failure().filter(f -> !causedBy(e, f)).ifPresent(e::addSuppressed); // a worker's failure is not lost
          throw e;
        }
        early = load.finish();
      } else {
        spilled = new Spill(spillOptions, services).run();
        early = EarlyLoadSummary.none();
      }
      afterSpill.accept(spilled);
    } catch (RuntimeException | Error e) {
      progress.close(); // the load never started: it would have closed it
      throw e;
    }
    LoadSummary loaded = new Loader(factory, loadOptions, progress).load(spillOptions.outDir());
    return new Result(spilled, early, early.addTo(loaded, (System.nanoTime() - startedNanos) / 1e9));
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

  /** Each writer also tells {@code also} about each seal, after stage one's own listener (the manifest). */
  private static SegmentWriterFactory tee(SegmentWriterFactory writers, SealListener also) {
    return (dir, header, maxSegmentBytes, listener) -> writers.open(dir, header, maxSegmentBytes, segment -> {
      listener.sealed(segment);
      also.sealed(segment);
    });
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
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("spillway run v1\n" + spillServices.spillwayVersion() + "\n" + spillOptions.maxSegmentBytes() + "\n")
          .getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(spillOptions.planFile()));
      for (String line : inputs.get()) {
        sha.update(("\n" + line).getBytes(StandardCharsets.UTF_8));
      }
      return Optional.of(UUID.nameUUIDFromBytes(sha.digest()).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the plan " + spillOptions.planFile(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
