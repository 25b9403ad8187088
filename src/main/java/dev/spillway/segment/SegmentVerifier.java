package dev.spillway.segment;

import dev.spillway.pgbinary.CodecRegistry;
import java.nio.file.Path;

/**
 * Checks a sealed segment against its manifest entry (spill-format.md, section 6, rules V1-V9), in
 * this order: the path resolves safely; the file exists with the listed size; for zstd, its trailer
 * agrees with {@code plainBytes} and {@code plainCrc32c}; its header names this spill, table,
 * ordinal, sequence and the table's columns; its structure is valid ({@link SegmentReader}, reading
 * through {@link StoredSegment}, so compressed files are decompressed on the fly and never beyond
 * {@code plainBytes}); its row count, stored CRC32C and plain CRC32C equal the manifest's; and every
 * value decodes with its column's codec ({@link ValueScan}: checked during the same single pass,
 * reported last so that a file changed after sealing is reported as such). Any difference is a
 * {@link SpillFormatException} naming the segment file, the byte offset where known, and "expected
 * X, found Y". Memory stays at the read-ahead buffers plus one tuple. Thread-safe (holds immutable
 * values only; the codecs are immutable).
 */
public final class SegmentVerifier {
  private final SpillDirectory dir;
  private final Manifest manifest;
  /** Decodes values; its codecs are resolved per segment, once. */
  private final CodecRegistry registry;

  public SegmentVerifier(SpillDirectory dir, Manifest manifest) {
    this(dir, manifest, CodecRegistry.standard());
  }

  public SegmentVerifier(SpillDirectory dir, Manifest manifest, CodecRegistry registry) {
    this.dir = dir;
    this.manifest = manifest;
    this.registry = registry;
  }

  /** Verifies one listed segment (V1-V9); returns what the scan of its binary COPY stream found (equal to the entry). */
  public SegmentScan verify(SealedSegment expected) {
    return verify(expected, true);
  }

  /**
   * Verifies one listed segment's framing only (V1-V8: file, header, structure, row count,
   * CRC32Cs), without decoding its values (V9): what {@code spillway load} checks before it starts,
   * leaving each value to the server's receive function during the segment's COPY.
   */
  public SegmentScan verifyFraming(SealedSegment expected) {
    return verify(expected, false);
  }

  private SegmentScan verify(SealedSegment expected, boolean values) {
    try (StoredSegment stored = StoredSegment.open(dir, expected); SegmentReader reader = stored.reader()) {
      Path file = stored.file();
      checkHeader(file, reader.header(), expected);
      ValueScan.Result result = values ? ValueScan.scan(reader, registry) : new ValueScan.Result(reader.scan(), null);
      SegmentScan scan = result.scan();
      if (scan.rows() != expected.rows()) {
        throw new SpillFormatException(file, -1, "row count: expected " + expected.rows() + " (manifest), found " + scan.rows());
      }
      checkCrc(file, "CRC32C", expected.crc32c(), stored.storedCrc32c());
      checkCrc(file, "plain CRC32C", expected.plainCrc32c(), stored.plainCrc32c());
      return result.orThrow();
    }
  }

  private static void checkCrc(Path file, String what, String expected, String found) {
    if (!found.equals(expected)) {
      throw new SpillFormatException(file, -1, what + ": expected " + expected + " (manifest), found " + found
          + ": the file's content changed after sealing");
    }
  }

  private void checkHeader(Path file, SegmentHeader header, SealedSegment expected) {
    int ordinal = manifest.tableOrdinal(expected.table());
    ManifestTable table = manifest.tables().get(ordinal - 1);
    mismatch(file, "spillId", manifest.spillId(), header.spillId());
    mismatch(file, "table", expected.table(), header.table());
    mismatch(file, "tableOrdinal", ordinal, header.tableOrdinal());
    mismatch(file, "sequence", expected.sequence(), header.sequence());
    mismatch(file, "columns", table.columns(), header.columns());
  }

  private static void mismatch(Path file, String member, Object expected, Object found) {
    if (!expected.equals(found)) {
      throw new SpillFormatException(file, SegmentFormat.METADATA_OFFSET, "header " + member + ": expected " + expected
          + " (manifest), found " + found);
    }
  }
}
