package dev.spillway.api;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Spillway#run} spills and loads: the spill's settings, the load's settings, how far
 * the spill may run ahead of the load, and an optional run id; an immutable value whose fluent
 * methods return a new one, each value checked when set.
 *
 * <pre>{@code RunSettings.defaults().load(LoadSettings.defaults().createTables(true)).maxAheadBytes(64 << 20).runId("nightly-2026-12-06")}</pre>
 *
 * <p><b>Run id and reruns.</b> A spill fed from code has no input files to fingerprint, so
 * spillway cannot tell by itself whether a rerun brings the same records. Without a run id each
 * run gets a random spill id: after a run that failed or was killed, the segments it loaded stay
 * in the tables as another spill's rows, and the next run's load refuses them unless
 * {@link LoadSettings#otherSpills} says {@link OtherSpills#REPLACE} (empty those tables first) or
 * {@link OtherSpills#APPEND} (keep them: the rerun's rows come on top). With a run id the spill id
 * is derived from it (with the plan, spillway's version, the segment size and compression): a rerun
 * with the same run id that writes the <i>same records in the same order</i> spills the same
 * segments under the same id and loads only what the failed run did not, exactly once. If the
 * records differ, the segments differ from what the progress table records and the load refuses
 * (naming the segment) instead of loading twice; use a new run id then.
 */
public final class RunSettings {
  /** The default segment size of a run: 8 MiB, so that segments seal, and load, soon. */
  public static final long DEFAULT_MAX_SEGMENT_BYTES = PipelinedRun.DEFAULT_SEGMENT_BYTES;

  /** The default bound on sealed segments not yet loaded: 512 MiB. */
  public static final long DEFAULT_MAX_AHEAD_BYTES = PipelinedRun.DEFAULT_MAX_AHEAD_BYTES;

  /** the spill's settings; {@code force} is not used (the work directory is always replaced). */
  private final SpillSettings spill;
  /** the load's settings. */
  private final LoadSettings load;
  /** bytes of sealed segments that may wait unloaded before a record waits, at least 0. */
  private final long maxAheadBytes;
  /** the run id; null: a random spill id. */
  private final String runId;

  private RunSettings(SpillSettings spill, LoadSettings load, long maxAheadBytes, String runId) {
    this.spill = Objects.requireNonNull(spill, "spill");
    this.load = Objects.requireNonNull(load, "load");
    checkArgument(maxAheadBytes >= 0, "maxAheadBytes < 0: %s", maxAheadBytes);
    checkArgument(runId == null || !runId.isEmpty(), "runId is empty");
    this.maxAheadBytes = maxAheadBytes;
    this.runId = runId;
  }

  /**
   * {@link SpillSettings#defaults()} with {@value #DEFAULT_MAX_SEGMENT_BYTES}-byte segments,
   * {@link LoadSettings#defaults()}, at most {@value #DEFAULT_MAX_AHEAD_BYTES} bytes ahead, no run id.
   */
  public static RunSettings defaults() {
    return new RunSettings(SpillSettings.defaults().maxSegmentBytes(DEFAULT_MAX_SEGMENT_BYTES), LoadSettings.defaults(),
        DEFAULT_MAX_AHEAD_BYTES, null);
  }

  /** How the spill is written ({@link SpillSettings#force} is not used: the work directory is the run's own). */
  public RunSettings spill(SpillSettings settings) {
    return new RunSettings(settings, load, maxAheadBytes, runId);
  }

  /** How the spill is loaded (its listener hears the load). */
  public RunSettings load(LoadSettings settings) {
    return new RunSettings(spill, settings, maxAheadBytes, runId);
  }

  /**
   * How many bytes of sealed segments may wait unloaded ({@code run --max-ahead-bytes}): once more
   * do, the record that sealed the last one waits until the load has caught up. Bounds the backlog
   * of unloaded segments, not the work directory (which keeps every segment). At least 0.
   */
  public RunSettings maxAheadBytes(long bytes) {
    return new RunSettings(spill, load, bytes, runId);
  }

  /** Derive the spill id from {@code id}, so that a rerun resumes: see the class comment. Not empty. */
  public RunSettings runId(String id) {
    Objects.requireNonNull(id, "id");
    return new RunSettings(spill, load, maxAheadBytes, id);
  }

  /** The spill's settings. */
  public SpillSettings spill() {
    return spill;
  }

  /** The load's settings. */
  public LoadSettings load() {
    return load;
  }

  /** The {@code maxAheadBytes} set by {@link #maxAheadBytes}, or its default. */
  public long maxAheadBytes() {
    return maxAheadBytes;
  }

  /** The run id, empty for a random spill id. */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  @Override
  public String toString() {
    return "RunSettings[" + spill + ", " + load + ", maxAheadBytes=" + maxAheadBytes
        + (runId == null ? "" : ", runId=" + runId) + "]";
  }
}
