package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * The metadata a segment carries in its header extension, which makes the file self-describing:
 * which spill and table its rows belong to, where it sits in that table's sequence, and the columns
 * (names and types) of every tuple. Serialised as the chunk's UTF-8 JSON object:
 *
 * <pre>
 * {"spillId":"...","table":"...","tableOrdinal":3,"sequence":42,
 *  "columns":[{"name":"id","type":"bigint"},{"name":"name","type":"text"}]}
 * </pre>
 *
 * All members are required and no others are allowed (chunk version 1).
 *
 * @param spillId      the spill directory's id (manifest {@code spillId})
 * @param table        the target table's name, any characters but NUL
 * @param tableOrdinal the table's 1-based position in the manifest; the file name's {@code TTTT}
 * @param sequence     the segment's 1-based position within its table; the file name's {@code SSSSSSSS}
 * @param columns      1 to 1600 columns, unique names; every tuple has exactly this many fields
 */
public record SegmentHeader(String spillId, String table, int tableOrdinal, long sequence, List<SpillColumn> columns) {
  public SegmentHeader {
    Names.checkName("spillId", spillId);
    Names.checkName("table", table);
    checkArgument(tableOrdinal >= 1 && tableOrdinal <= SegmentFileName.MAX_TABLE_ORDINAL,
        "tableOrdinal out of range 1..%s: %s", SegmentFileName.MAX_TABLE_ORDINAL, tableOrdinal);
    checkArgument(sequence >= 1 && sequence <= SegmentFileName.MAX_SEQUENCE,
        "sequence out of range 1..%s: %s", SegmentFileName.MAX_SEQUENCE, sequence);
    columns = Names.checkColumns("table " + table, columns);
  }

  /** The header of a table's first segment (sequence 1). */
  public static SegmentHeader first(String spillId, String table, int tableOrdinal, List<SpillColumn> columns) {
    return new SegmentHeader(spillId, table, tableOrdinal, 1, columns);
  }

  public SegmentHeader withSequence(long newSequence) {
    return new SegmentHeader(spillId, table, tableOrdinal, newSequence, columns);
  }

  public SegmentFileName fileName() {
    return new SegmentFileName(tableOrdinal, sequence);
  }

  /**
   * The bytes a segment with this header starts with: signature, flags, header extension with the
   * SPILLWAY chunk (offsets 0 .. 33+M of {@link SegmentFormat}). Tuples and the trailer follow.
   */
  public byte[] encode() {
    return SegmentHeaderCodec.encode(this);
  }
}
