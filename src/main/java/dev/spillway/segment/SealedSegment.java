package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A sealed segment as the writer reports it and the manifest lists it (one {@code segments[]} entry,
 * manifest formatVersion 2):
 * <pre>{"table":"package","sequence":3,"file":"segments/0002-00000003.pgcopy.zst","compression":"zstd",
 *  "bytes":9120331,"rows":401230,"crc32c":"0a1b2c3d","plainBytes":67108412,"plainCrc32c":"5e6f7a8b"}</pre>
 *
 * <p>{@code bytes} and {@code crc32c} describe the file as stored, every byte of it; {@code plainBytes}
 * and {@code plainCrc32c} describe the binary COPY stream it holds (what {@link SegmentFiles#openPlain}
 * yields and PostgreSQL loads). For an uncompressed segment the two pairs are equal, and the
 * six-argument constructor builds exactly that.
 *
 * @param table       the table's name (as in the manifest's {@code tables[].name})
 * @param sequence    1-based position in the table's segments
 * @param file        path relative to the spill directory, {@code segments/TTTT-SSSSSSSS.pgcopy[.zst]}
 * @param compression how the file is stored; its suffix must agree (checked by {@link Manifest})
 * @param bytes       the file's size, > 0
 * @param rows        tuples in the file, at least 1
 * @param crc32c      CRC32C of every byte of the file, 8 lowercase hex digits
 * @param plainBytes  size of the binary COPY stream, > 0; equals {@code bytes} when uncompressed
 * @param plainCrc32c CRC32C of the binary COPY stream; equals {@code crc32c} when uncompressed
 */
public record SealedSegment(String table, long sequence, String file, Compression compression, long bytes, long rows,
    String crc32c, long plainBytes, String plainCrc32c) {

  public SealedSegment {
    Names.checkName("segment table", table);
    checkArgument(sequence >= 1 && sequence <= SegmentFileName.MAX_SEQUENCE, "segment sequence out of range 1..%s: %s",
        SegmentFileName.MAX_SEQUENCE, sequence);
    checkArgument(file != null && !file.isEmpty(), "segment file is missing");
    checkArgument(compression != null, "segment %s has no compression", file);
    checkArgument(bytes > 0, "segment bytes must be positive: %s", bytes);
    checkArgument(rows >= 1, "segment rows must be at least 1: %s", rows);
    checkArgument(crc32c != null && Crc32c.HEX.matcher(crc32c).matches(), "crc32c must be 8 lowercase hex digits: %s", crc32c);
    checkArgument(plainBytes > 0, "segment plainBytes must be positive: %s", plainBytes);
    checkArgument(plainCrc32c != null && Crc32c.HEX.matcher(plainCrc32c).matches(),
        "plainCrc32c must be 8 lowercase hex digits: %s", plainCrc32c);
    if (compression == Compression.NONE) {
      checkArgument(plainBytes == bytes, "segment %s is uncompressed, so plainBytes must equal bytes: expected %s, found %s",
          file, bytes, plainBytes);
      checkArgument(plainCrc32c.equals(crc32c), "segment %s is uncompressed, so plainCrc32c must equal crc32c: expected %s, "
          + "found %s", file, crc32c, plainCrc32c);
    }
  }

  /** An uncompressed segment: the stored file is the binary COPY stream. */
  public SealedSegment(String table, long sequence, String file, long bytes, long rows, String crc32c) {
    this(table, sequence, file, Compression.NONE, bytes, rows, crc32c, bytes, crc32c);
  }
}
