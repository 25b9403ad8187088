package dev.spillway.inspect;

import dev.spillway.segment.SegmentHeader;
import dev.spillway.segment.SegmentReader;
import dev.spillway.segment.SegmentScan;
import dev.spillway.segment.StoredSegment;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code spillway inspect FILE} reports about a lone segment file, without the manifest: the
 * metadata of its header extension, and what a full validating scan found. A file that fails the
 * scan yields no summary but the {@link dev.spillway.segment.SpillFormatException} of its first
 * defect.
 *
 * @param file          the file as given
 * @param compression   {@code none} or {@code zstd}
 * @param spillId       header: the spill it belongs to
 * @param table         header: its table
 * @param tableOrdinal  header: the table's ordinal
 * @param sequence      header: its position among the table's segments
 * @param columns       header: columns and types
 * @param rows          tuples scanned
 * @param bytes         the file's size
 * @param plainBytes    the binary COPY stream's size (scanned)
 * @param crc32c        CRC32C of the file
 * @param plainCrc32c   CRC32C of the binary COPY stream (for zstd: equal to the one its trailer records)
 */
public record SegmentSummary(String file, String compression, String spillId, String table, int tableOrdinal,
    long sequence, List<ColumnSummary> columns, long rows, long bytes, long plainBytes, String crc32c, String plainCrc32c) {

  /** Scans {@code file} completely (validating everything a lone file can prove) and summarises it. */
  public static SegmentSummary scan(Path file) {
    try (StoredSegment stored = StoredSegment.open(file); SegmentReader reader = stored.reader()) {
      SegmentScan scan = reader.scan();
      SegmentHeader h = scan.header();
      return new SegmentSummary(file.toString(), stored.compression().jsonName(), h.spillId(), h.table(), h.tableOrdinal(),
          h.sequence(), ColumnSummary.of(h.columns()), scan.rows(), stored.storedBytes(), scan.bytes(),
          stored.storedCrc32c(), stored.plainCrc32c());
    }
  }
}
