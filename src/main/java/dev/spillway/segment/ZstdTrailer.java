package dev.spillway.segment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * The last 30 bytes of a zstd-compressed segment: a zstd <em>skippable frame</em> (ignored by
 * {@code zstd -d} and every conforming decoder) that makes the file self-describing, so a reader
 * without the manifest still knows how large the plain stream is (the cap on decompression) and its
 * checksum:
 *
 * <pre>
 * offset  size  field
 * 0       4     skippable frame magic 0x184D2A5B, little-endian (5B 2A 4D 18)
 * 4       4     frame content size, uint32 little-endian: 22
 * 8       8     tag "SPILLWAY" (ASCII)
 * 16      2     trailer version, uint16 big-endian: {@value #VERSION}
 * 18      8     plainBytes, int64 big-endian: size of the binary COPY stream, 1 .. 2^62
 * 26      4     plainCrc32c, uint32 big-endian: CRC32C of the binary COPY stream
 * </pre>
 *
 * Offsets above are relative to the trailer, which starts at file size - {@value #BYTES}.
 *
 * @param plainBytes  size of the decompressed binary COPY stream
 * @param plainCrc32c its CRC32C
 */
record ZstdTrailer(long plainBytes, int plainCrc32c) {
  static final int BYTES = 30;
  static final int VERSION = 1;
  /** The largest plain size a trailer may declare (keeps sums of sizes far from overflow). */
  static final long MAX_PLAIN_BYTES = 1L << 62;
  private static final int MAGIC = 0x184D2A5B;
  private static final int CONTENT_BYTES = 22;
  private static final int PLAIN_BYTES_OFFSET = 18;

  byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(BYTES);
    b.order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).putInt(CONTENT_BYTES);
    b.order(ByteOrder.BIG_ENDIAN).put(SegmentFormat.chunkTag()).putShort((short) VERSION).putLong(plainBytes).putInt(plainCrc32c);
    return b.array();
  }

  /**
   * Validates the trailer's {@value #BYTES} bytes read from {@code in.file()} at {@code trailerOffset};
   * each defect is reported at its own file offset.
   */
  static ZstdTrailer decode(java.nio.file.Path file, byte[] bytes, long trailerOffset) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    b.order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != MAGIC || b.getInt(4) != CONTENT_BYTES) {
      throw new SpillFormatException(file, trailerOffset, "zstd segment does not end with spillway's " + BYTES
          + "-byte skippable trailer frame: found " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, 8)
          + ", expected 5b 2a 4d 18 16 00 00 00");
    }
    b.order(ByteOrder.BIG_ENDIAN);
    byte[] tag = new byte[8];
    b.get(8, tag);
    if (!SegmentFormat.isChunkTag(tag)) {
      throw new SpillFormatException(file, trailerOffset + 8, "zstd segment trailer tag is "
          + HexFormat.ofDelimiter(" ").formatHex(tag) + ", expected SPILLWAY");
    }
    int version = b.getShort(16) & 0xFFFF;
    if (version != VERSION) {
      throw new SpillFormatException(file, trailerOffset + 16, "zstd segment trailer version " + version
          + " is not supported: this spillway reads trailer version " + VERSION);
    }
    long plainBytes = b.getLong(PLAIN_BYTES_OFFSET);
    if (plainBytes < 1 || plainBytes > MAX_PLAIN_BYTES) {
      throw new SpillFormatException(file, trailerOffset + PLAIN_BYTES_OFFSET, "zstd segment trailer declares "
          + plainBytes + " plain bytes, outside 1.." + MAX_PLAIN_BYTES);
    }
    return new ZstdTrailer(plainBytes, b.getInt(26));
  }
}
