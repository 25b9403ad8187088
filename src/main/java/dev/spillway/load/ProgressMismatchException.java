package dev.spillway.load;

import dev.spillway.pg.PgException;
import dev.spillway.pg.ProgressRow;
import dev.spillway.pg.SegmentLoad;

/**
 * The progress table records a segment of this spill id as loaded with another CRC32C, row or byte
 * count than the spill directory's manifest lists, or a segment the manifest does not list: the
 * directory changed under the same spill id (or another spill reused the id). Resuming could then
 * skip rows or load rows twice, so the load refuses before loading anything. Exit code 5.
 */
public final class ProgressMismatchException extends PgException {
  public ProgressMismatchException(String spillDirectory, String progressTable, ProgressRow recorded, SegmentLoad listed) {
    super("spill directory " + spillDirectory + " does not match what " + progressTable + " records for spill "
        + recorded.segment().spillId() + ": " + recorded.segment().describe() + " was loaded at " + recorded.loadedAt()
        + " with crc32c " + recorded.segment().crc32c() + ", " + recorded.segment().rowCount() + " rows, "
        + recorded.segment().byteCount() + " bytes, but "
        + (listed == null ? "the manifest lists no such segment"
            : "the manifest lists crc32c " + listed.crc32c() + ", " + listed.rowCount() + " rows, " + listed.byteCount() + " bytes")
        + ". The directory changed after it was (partly) loaded; load it into another --schema, or delete this spill's"
        + " rows from the target tables and from " + progressTable + " first", null, null);
  }
}
