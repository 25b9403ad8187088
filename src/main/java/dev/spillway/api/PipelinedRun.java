package dev.spillway.api;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.load.EarlyLoad;
import dev.spillway.load.LoadOptions;
import dev.spillway.load.LoadProgress;
import dev.spillway.load.LoadSummary;
import dev.spillway.load.Loader;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SealListener;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillState;
import dev.spillway.spill.SegmentWriterFactory;
import dev.spillway.spill.SourceChanges;
import dev.spillway.spill.Spill;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillResult;
import dev.spillway.spill.SpillServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
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
 * its progress row. A run killed while stage one was writing leaves an open spill; running again
 * spills again with the same spill id when the plan and the input files are unchanged (stage one's
 * output is deterministic: same input, same ids, same segments), so the progress rows of the
 * segments loaded before the kill still match and those segments are skipped (nothing loads early
 * in such a resumed run; the final load does the rest). With changed inputs, or {@code force}, the
 * spill gets a new id and the load treats the earlier rows as another spill's ({@code --replace},
 * {@code --append}).
 *
 * <p>Used by {@code spillway run} and by the library's run. One run per instance.
 */
public final class PipelinedRun {
  private static final Logger LOG = LoggerFactory.getLogger(PipelinedRun.class);

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
  public record Result(SpillResult spilled, EarlyLoad.Summary loadedWhileSpilling, LoadSummary loaded) {}

  private final SpillOptions spillOptions;
  private final SpillServices spillServices;
  private final ConnectionFactory factory;
  private final LoadOptions loadOptions;
  private final long maxAheadBytes;
  private final boolean pipelined;
  private final boolean resumeOpenSpill;

  /**
   * @param spillOptions  stage one's options ({@code outDir} is the work directory)
   * @param spillServices stage one's services
   * @param factory       connections to the target database
   * @param loadOptions   stage two's options
   * @param maxAheadBytes how many bytes of sealed segments may wait unloaded before stage one waits
   * @param pipelined     false: stage one first, then stage two (no early load)
   * @param resumeOpenSpill true: an open spill of the same plan and inputs in the work directory is
   *                      spilled again under its id (see the class comment); false: a new id
   *                      ({@code run --force})
   */
  public PipelinedRun(SpillOptions spillOptions, SpillServices spillServices, ConnectionFactory factory,
      LoadOptions loadOptions, long maxAheadBytes, boolean pipelined, boolean resumeOpenSpill) {
    checkArgument(maxAheadBytes >= 0, "maxAheadBytes < 0: %s", maxAheadBytes);
    this.spillOptions = Objects.requireNonNull(spillOptions, "spillOptions");
    this.spillServices = Objects.requireNonNull(spillServices, "spillServices");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.loadOptions = Objects.requireNonNull(loadOptions, "loadOptions");
    this.maxAheadBytes = maxAheadBytes;
    this.pipelined = pipelined;
    this.resumeOpenSpill = resumeOpenSpill;
  }

  /**
   * Spills and loads.
   *
   * @param progress   hears the final load (closed when it ends)
   * @param afterSpill called with stage one's result as soon as it ends, before the final load
   */
  public Result run(LoadProgress progress, Consumer<SpillResult> afterSpill) {
    SpillServices services = spillServices;
    Optional<String> resumed = resumeOpenSpill ? resumableSpillId() : Optional.empty();
    if (resumed.isPresent()) {
      String id = resumed.get();
      LOG.info("{} holds an open spill {} of the same plan and inputs: spilling again under its id",
          spillOptions.outDir(), id);
      services = new SpillServices(services.clock(), () -> id, services.spillwayVersion(), services.progress(),
          services.existingRows(), services.segmentWriters(), services.warnings(), services.stdin());
    }
    SpillResult spilled;
    long startedNanos = System.nanoTime();
    EarlyLoad.Summary early = EarlyLoad.Summary.none();
    if (pipelined) {
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
        progress.close();
        throw e;
      }
      try {
        early = load.finish();
      } catch (RuntimeException e) {
        progress.close();
        throw e;
      }
    } else {
      try {
        spilled = new Spill(spillOptions, services).run();
      } catch (RuntimeException | Error e) {
        progress.close();
        throw e;
      }
    }
    afterSpill.accept(spilled);
    LoadSummary loaded = new Loader(factory, loadOptions, progress).load(spillOptions.outDir());
    return new Result(spilled, early, early.addTo(loaded, (System.nanoTime() - startedNanos) / 1e9));
  }

  /** Each writer also tells {@code also} about each seal, after stage one's own listener (the manifest). */
  private static SegmentWriterFactory tee(SegmentWriterFactory writers, SealListener also) {
    return (dir, header, maxSegmentBytes, listener) -> writers.open(dir, header, maxSegmentBytes, segment -> {
      listener.sealed(segment);
      also.sealed(segment);
    });
  }

  /**
   * The id of an open (interrupted) spill in the work directory whose plan copy has the plan
   * file's bytes and whose fingerprinted inputs are unchanged: spilling again under it gives the
   * same segments, so what was loaded from them before stays valid. Empty otherwise, and when the
   * directory cannot be read as a spill.
   */
  private Optional<String> resumableSpillId() {
    Path work = spillOptions.outDir();
    try {
      if (!Files.isRegularFile(work.resolve(SpillDirectory.MANIFEST_FILE))) {
        return Optional.empty();
      }
      SpillDirectory dir = SpillDirectory.open(work);
      Manifest manifest = new ManifestStore(dir).read();
      if (manifest.state() != SpillState.OPEN || !SourceChanges.fingerprinted(manifest)
          || !Files.isRegularFile(dir.planFile())
          || !Arrays.equals(Files.readAllBytes(spillOptions.planFile()), Files.readAllBytes(dir.planFile()))
          || SourceChanges.since(spillOptions.planFile(), manifest).isPresent()) {
        return Optional.empty();
      }
      return Optional.of(manifest.spillId());
    } catch (IOException | RuntimeException e) {
      LOG.info("{}: not resuming its spill id: {}", work, e.toString());
      return Optional.empty();
    }
  }
}
