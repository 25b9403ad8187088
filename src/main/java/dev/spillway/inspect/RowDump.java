package dev.spillway.inspect;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.RawTuple;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFormat;
import dev.spillway.segment.SegmentHeader;
import dev.spillway.segment.SegmentReader;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.StoredSegment;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The loop behind {@code spillway cat}: reads a table's segments (or one lone segment file) in
 * order, numbering rows from 1 across segments, and sends the selected ones to a {@link RowSink}.
 * Segments wholly before the first selected row are skipped by their manifest row counts without
 * being read; rows before it in the first segment read are validated but not kept; reading stops
 * after the last selected row. A listed segment read to its end is also checked against its
 * manifest entry (rows, CRC32Cs); its header columns must always match the manifest's, since they
 * decide how fields decode. Defects are {@link SpillFormatException}s. Not thread-safe.
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
    long before = 0; // rows in the segments before the current one
    for (SealedSegment segment : manifest.segmentsOf(table)) {
      if (before >= selection.lastRow()) {
        break;
      }
      if (before + segment.rows() >= selection.firstRow()) {
        try (StoredSegment stored = StoredSegment.open(dir, segment); SegmentReader reader = stored.reader()) {
          checkColumns(stored.file(), t, reader.header());
          boolean complete = dump(reader, before, noteOf(stored));
          if (complete) {
            checkAgainst(stored, reader, segment);
          }
        }
      }
      before += segment.rows();
    }
    sink.end();
    return rowsWritten;
  }

  /** Dumps a lone segment file; {@code table}, when given, must be the table its header names. */
  public long file(Path file, Optional<String> table) {
    try (StoredSegment stored = StoredSegment.open(file); SegmentReader reader = stored.reader()) {
      String holds = reader.header().table();
      if (table.isPresent() && !table.get().equals(holds)) {
        throw new UnknownTableException("segment " + file + " holds rows of table '" + holds + "', not '" + table.get() + "'");
      }
      dump(reader, 0, noteOf(stored));
    }
    sink.end();
    return rowsWritten;
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
