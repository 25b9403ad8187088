package dev.spillway.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a sealed segment against its manifest entry: the path resolves safely; the file exists
 * with the listed size; its structure is valid ({@link SegmentReader}); its header names this spill,
 * table, ordinal, sequence and the table's columns; and its row count and CRC32C equal the
 * manifest's. Any difference is a {@link SpillFormatException} naming the segment file, the byte
 * offset where known, and "expected X, found Y". Thread-safe (holds immutable values only).
 */
public final class SegmentVerifier {
  private final SpillDirectory dir;
  private final Manifest manifest;

  public SegmentVerifier(SpillDirectory dir, Manifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /** Verifies one listed segment; returns what the scan found (equal to the entry). */
  public SegmentScan verify(SealedSegment expected) {
    Path file;
    try {
      file = dir.resolveSegment(expected.file());
    } catch (IllegalArgumentException e) {
      throw new SpillFormatException(dir.manifestFile(), -1, e.getMessage(), e);
    }
    checkSize(file, expected);
    SegmentScan scan = SegmentReader.scan(file);
    checkHeader(file, scan.header(), expected);
    if (scan.rows() != expected.rows()) {
      throw new SpillFormatException(file, -1, "row count: expected " + expected.rows() + " (manifest), found " + scan.rows());
    }
    if (!scan.crc32c().equals(expected.crc32c())) {
      throw new SpillFormatException(file, -1, "CRC32C: expected " + expected.crc32c() + " (manifest), found "
          + scan.crc32c() + ": the file's content changed after sealing");
    }
    return scan;
  }

  private static void checkSize(Path file, SealedSegment expected) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new SpillFormatException(file, -1, "missing: the manifest lists it as segment " + expected.sequence()
          + " of table " + expected.table(), e);
    } catch (IOException e) {
      throw new SpillIoException(file, "reading the size of segment", e);
    }
    if (size != expected.bytes()) {
      throw new SpillFormatException(file, Math.min(size, expected.bytes()), "size: expected " + expected.bytes()
          + " bytes (manifest), found " + size);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new SpillFormatException(file, -1, "not a regular file");
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
