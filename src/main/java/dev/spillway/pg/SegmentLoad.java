package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The facts about one loaded segment that go into the progress row.
 *
 * @param spillId    the spill directory's id (from its manifest)
 * @param tableName  target table as {@link QualifiedName#sql()}, e.g. {@code "debian"."package"}
 * @param segmentSeq the segment's sequence number within its table, {@code >= 0}
 * @param crc32c     the segment file's CRC-32C, an unsigned 32-bit value (0..4294967295)
 * @param rowCount   rows in the segment, {@code >= 0}
 * @param byteCount  segment file size in bytes, {@code >= 0}
 */
public record SegmentLoad(String spillId, String tableName, long segmentSeq, long crc32c, long rowCount, long byteCount) {
  public SegmentLoad {
    checkArgument(spillId != null && !spillId.isEmpty(), "spill id is empty");
    checkArgument(tableName != null && !tableName.isEmpty(), "table name is empty");
    checkArgument(segmentSeq >= 0, "segmentSeq < 0: %s", segmentSeq);
    checkArgument(crc32c >= 0 && crc32c <= 0xFFFF_FFFFL, "crc32c not an unsigned 32-bit value: %s", crc32c);
    checkArgument(rowCount >= 0, "rowCount < 0: %s", rowCount);
    checkArgument(byteCount >= 0, "byteCount < 0: %s", byteCount);
  }

  /** {@code segment 3 of "s"."t" (spill abc)}, for messages. */
  public String describe() {
    return "segment " + segmentSeq + " of " + tableName + " (spill " + spillId + ")";
  }
}
