package dev.spillway.inspect;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.RawTuple;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFormat;
import dev.spillway.segment.SegmentHeader;
import dev.spillway.segment.SegmentReader;
import dev.spillway.segment.SegmentVerifier;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.StoredSegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The loop behind {@code spillway cat}: reads a table's segments (or one lone segment file) in
 * order, numbering rows from 1 across segments, and sends the selected ones to a {@link RowSink}.
 *
 * <p>Nothing unverified reaches the sink: each segment holding a selected row is first checked
 * whole ({@link SegmentVerifier}: size, structure, header, row count, CRC32Cs against the
 * manifest, and every value decoded by its column's codec), then read a second time (normally from the page cache, segments being bounded) to
 * decode; so a defect in segment N stops the output after the rows of segments before it, all of
 * them verified. Callers that must not leave partial output (cat -o) write to a temporary file. A lone file inside {@code DIR/segments/} is checked against
 * {@code DIR/manifest.json} when that exists, and must be listed there; a file with no manifest
 * beside it is scanned for a valid structure (and, for zstd, its trailer's size and CRC32C) first.
 * Segments wholly outside the selection are skipped by their manifest row counts without being
 * read. A first row past the end of the table is a {@link RowOutOfRangeException} naming the row
 * count. Defects are {@link SpillFormatException}s. Not thread-safe.
 */
public final class RowDump {
  private final RowSelection selection;
  private final RowSink sink;
  /** Rows sent to the sink so far. */
  private long rowsWritten;

  public RowDump(RowSelection selection, RowSink sink) {
    this.selection = selection;
    this.sink = sink;
  }

  /** Dumps table {@code table} of a spill directory whose manifest is {@code manifest}; returns the rows written. */
  public long directory(SpillDirectory dir, Manifest manifest, String table) {
    ManifestTable t = manifest.table(table).orElseThrow(() -> new UnknownTableException("no table '" + table
        + "' in spill " + dir + " (tables: " + manifest.tables().stream().map(ManifestTable::name)
        .collect(Collectors.joining(", ")) + ")"));
    List<SealedSegment> segments = manifest.segmentsOf(table);
    checkRange(segments.stream().mapToLong(SealedSegment::rows).sum(), "table '" + table + "' in spill " + dir);
    Map<SealedSegment, Long> selected = new LinkedHashMap<>(); // segment -> rows in the segments before it
    long before = 0;
    for (SealedSegment segment : segments) {
      if (before >= selection.lastRow()) {
        break;
      }
      if (before + segment.rows() >= selection.firstRow()) {
        selected.put(segment, before);
      }
      before += segment.rows();
    }
    SegmentVerifier verifier = new SegmentVerifier(dir, manifest);
    selected.forEach((segment, rowsBefore) -> {
      verifier.verify(segment); // the whole segment, so the read below normally comes from the page cache
      try (StoredSegment stored = StoredSegment.open(dir, segment); SegmentReader reader = stored.reader()) {
        checkColumns(stored.file(), t, reader.header());
        if (dump(reader, rowsBefore, noteOf(stored))) {
          checkAgainst(stored, reader, segment); // unchanged since verified
        }
      }
    });
    sink.end();
    return rowsWritten;
  }

  /**
   * Dumps a lone segment file, checked first by {@link LoneSegmentCheck}; {@code table}, when given,
   * must be the table it holds.
   */
  public long file(Path file, Optional<String> table) {
    checkRange(LoneSegmentCheck.verify(file, table), "segment " + file);
    try (StoredSegment stored = StoredSegment.open(file); SegmentReader reader = stored.reader()) {
      dump(reader, 0, noteOf(stored));
    }
    sink.end();
    return rowsWritten;
  }

  /** A first selected row past {@code rows} is a usage error, unless it is row 1 (an empty table prints nothing). */
  private void checkRange(long rows, String what) {
    if (selection.firstRow() > 1 && selection.firstRow() > rows) {
      throw new RowOutOfRangeException("row " + selection.firstRow() + " does not exist: " + what + " has " + rows
          + (rows == 1 ? " row" : " rows"));
    }
  }

  /** Sends the selected rows of one segment; true when the reader reached (and validated) its end. */
  private boolean dump(SegmentReader reader, long rowsBefore, String note) {
    sink.begin(reader.header());
    while (rowsBefore + reader.rowCount() + 1 < selection.firstRow()) {
      if (!reader.skip()) {
        return true;
      }
    }
    RawTuple tuple = new RawTuple();
    while (rowsBefore + reader.rowCount() < selection.lastRow()) {
      if (!reader.next(tuple)) {
        return true;
      }
      long tupleOffset = reader.position() - tuple.sizeBytes();
      sink.row(tuple, new RowContext(reader.file(), rowsBefore + reader.rowCount(), tupleOffset, note));
      rowsWritten++;
    }
    return false;
  }

  private static void checkColumns(Path file, ManifestTable table, SegmentHeader header) {
    if (!header.table().equals(table.name()) || !header.columns().equals(table.columns())) {
      throw new SpillFormatException(file, SegmentFormat.METADATA_OFFSET, "header: expected table " + table.name()
          + " with columns " + table.columns() + " (manifest), found table " + header.table() + " with " + header.columns());
    }
  }

  private static void checkAgainst(StoredSegment stored, SegmentReader reader, SealedSegment segment) {
    if (reader.rowCount() != segment.rows()) {
      throw new SpillFormatException(stored.file(), -1, "row count: expected " + segment.rows() + " (manifest), found "
          + reader.rowCount());
    }
    if (!stored.storedCrc32c().equals(segment.crc32c()) || !stored.plainCrc32c().equals(segment.plainCrc32c())) {
      throw new SpillFormatException(stored.file(), -1, "CRC32C: expected " + segment.crc32c() + " (manifest), found "
          + stored.storedCrc32c() + ": the file's content changed after sealing");
    }
  }

  private static String noteOf(StoredSegment stored) {
    return stored.compression() == dev.spillway.segment.Compression.NONE ? ""
        : " (the offset counts bytes of the zstd-decompressed binary COPY stream, not of the file)";
  }
}
