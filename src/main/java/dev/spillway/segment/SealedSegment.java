package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A sealed segment as the writer reports it and the manifest lists it (one {@code segments[]} entry):
 * <pre>{"table":"package","sequence":3,"file":"segments/0002-00000003.pgcopy","bytes":67108412,"rows":401230,"crc32c":"0a1b2c3d"}</pre>
 *
 * @param table    the table's name (as in the manifest's {@code tables[].name})
 * @param sequence 1-based position in the table's segments
 * @param file     path relative to the spill directory, {@code segments/TTTT-SSSSSSSS.pgcopy}
 * @param bytes    file size
 * @param rows     tuples in the file, at least 1
 * @param crc32c   CRC32C of the whole file, 8 lowercase hex digits
 */
public record SealedSegment(String table, long sequence, String file, long bytes, long rows, String crc32c) {
  public SealedSegment {
    Names.checkName("segment table", table);
    checkArgument(sequence >= 1 && sequence <= SegmentFileName.MAX_SEQUENCE, "segment sequence out of range 1..%s: %s",
        SegmentFileName.MAX_SEQUENCE, sequence);
    checkArgument(file != null && !file.isEmpty(), "segment file is missing");
    checkArgument(bytes > 0, "segment bytes must be positive: %s", bytes);
    checkArgument(rows >= 1, "segment rows must be at least 1: %s", rows);
    checkArgument(crc32c != null && Crc32c.HEX.matcher(crc32c).matches(), "crc32c must be 8 lowercase hex digits: %s", crc32c);
  }
}
