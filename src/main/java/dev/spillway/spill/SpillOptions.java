package dev.spillway.spill;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.idmap.HeapBudget;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code spillway spill} was asked to do; validated once, immutable.
 *
 * @param planFile             the plan (YAML)
 * @param outDir               the spill directory to create
 * @param maxSegmentBytes      bound on each sealed segment file's size, at least 1 (the command line
 *                             refuses less than 1 MiB; tests use tiny segments)
 * @param maxRejects           rejected rows allowed before stage one stops (exit 3); 0 makes any
 *                             reject fatal; {@link #UNLIMITED_REJECTS} never stops
 * @param force                discard an existing spill directory at {@code outDir}
 * @param idMapExpectedEntries initial size of every id map and key set, in keys, or
 *                             {@link #ESTIMATE_FROM_INPUT} for a per-table estimate (see
 *                             {@code KeyEstimates}); maps grow past it either way
 * @param idMapHeapBytes       heap that all id maps and key sets together may keep keys in before
 *                             moving them into their files ({@code idmap.HeapBudget}); 0 keeps every
 *                             key in the files; the resolution pass's working maps (parked rows' keys)
 *                             have an eighth of it on top. Changes speed and memory, never an id or a byte of output
 * @param readAheadRecords     records per batch that a second thread parses ahead of the one
 *                             resolving and writing them ({@code input.ReadAheadSource}); 0 parses
 *                             on the same thread. Changes speed, never an id or a byte of output
 */
public record SpillOptions(Path planFile, Path outDir, long maxSegmentBytes, long maxRejects, boolean force,
    long idMapExpectedEntries, long idMapHeapBytes, int readAheadRecords) {
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L << 20;
  public static final long UNLIMITED_REJECTS = Long.MAX_VALUE;
  public static final long ESTIMATE_FROM_INPUT = 0;
  public static final int DEFAULT_READ_AHEAD_RECORDS = 512;

  public SpillOptions {
    Objects.requireNonNull(planFile, "planFile");
    Objects.requireNonNull(outDir, "outDir");
    checkArgument(maxSegmentBytes >= 1, "maxSegmentBytes < 1: %s", maxSegmentBytes);
    checkArgument(maxRejects >= 0, "maxRejects < 0: %s", maxRejects);
    checkArgument(idMapExpectedEntries >= 0, "idMapExpectedEntries < 0: %s", idMapExpectedEntries);
    checkArgument(idMapHeapBytes >= 0, "idMapHeapBytes < 0: %s", idMapHeapBytes);
    checkArgument(readAheadRecords >= 0, "readAheadRecords < 0: %s", readAheadRecords);
  }

  /**
   * Defaults: 64 MiB segments, unlimited rejects, no force, id maps sized from the input, 24 MiB of
   * them on the heap, parsing ahead on a second thread.
   */
  public static SpillOptions of(Path planFile, Path outDir) {
    return new SpillOptions(planFile, outDir, DEFAULT_MAX_SEGMENT_BYTES, UNLIMITED_REJECTS, false, ESTIMATE_FROM_INPUT,
        HeapBudget.DEFAULT_MAX_BYTES, DEFAULT_READ_AHEAD_RECORDS);
  }

  public SpillOptions withMaxSegmentBytes(long bytes) {
    return new SpillOptions(planFile, outDir, bytes, maxRejects, force, idMapExpectedEntries, idMapHeapBytes, readAheadRecords);
  }

  public SpillOptions withMaxRejects(long rejects) {
    return new SpillOptions(planFile, outDir, maxSegmentBytes, rejects, force, idMapExpectedEntries, idMapHeapBytes, readAheadRecords);
  }

  public SpillOptions withForce(boolean newForce) {
    return new SpillOptions(planFile, outDir, maxSegmentBytes, maxRejects, newForce, idMapExpectedEntries, idMapHeapBytes, readAheadRecords);
  }

  public SpillOptions withIdMapHeapBytes(long bytes) {
    return new SpillOptions(planFile, outDir, maxSegmentBytes, maxRejects, force, idMapExpectedEntries, bytes, readAheadRecords);
  }

  public SpillOptions withIdMapExpectedEntries(long entries) {
    return new SpillOptions(planFile, outDir, maxSegmentBytes, maxRejects, force, entries, idMapHeapBytes, readAheadRecords);
  }

  public SpillOptions withReadAheadRecords(int records) {
    return new SpillOptions(planFile, outDir, maxSegmentBytes, maxRejects, force, idMapExpectedEntries, idMapHeapBytes,
        records);
  }
}
