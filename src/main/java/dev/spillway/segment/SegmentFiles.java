package dev.spillway.segment;

import java.io.IOException;
import java.io.InputStream;

/**
 * The one way to read a listed segment's binary COPY stream, whether it is stored plain or
 * zstd-compressed: what {@code spillway load} hands to {@code COPY ... FROM STDIN (FORMAT binary)}.
 */
public final class SegmentFiles {
  private SegmentFiles() {}

  /**
   * Opens the plain binary COPY stream of {@code segment}: exactly {@code segment.plainBytes()}
   * bytes, decompressed on the fly when the file is zstd. Checked before the first byte: the path
   * (pattern, inside the directory, no symbolic link), the file size against {@code bytes} and, for
   * zstd, the trailer against {@code plainBytes} and {@code plainCrc32c}. Checked at the end, before
   * {@code read} reports end of stream: the plain size, the plain CRC32C, the stored CRC32C and that
   * nothing follows. Any defect is a {@link SpillFormatException} thrown from {@code read} (a
   * consumer such as pgjdbc's {@code CopyManager.copyIn} then cancels the COPY, so its transaction
   * never commits a segment whose last byte did not check out). The row count is not checked here:
   * the caller compares the server's {@code COPY n} with {@code segment.rows()}, or runs
   * {@link SegmentVerifier} first. Closing the stream closes the file.
   */
  public static InputStream openPlain(SpillDirectory dir, SealedSegment segment) {
    return new CheckedPlainStream(StoredSegment.open(dir, segment), segment);
  }

  /** The plain stream of a listed segment that compares its checksums with the manifest entry at the end. */
  private static final class CheckedPlainStream extends InputStream {
    private final StoredSegment stored;
    private final SealedSegment expected;
    private final InputStream plain;

    CheckedPlainStream(StoredSegment stored, SealedSegment expected) {
      this.stored = stored;
      this.expected = expected;
      this.plain = stored.plain();
    }

    @Override
    public int read() throws IOException {
      int b = plain.read();
      if (b < 0) {
        atEnd();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = plain.read(b, off, len);
      if (n < 0) {
        atEnd();
      }
      return n;
    }

    @Override
    public void close() {
      stored.close();
    }

    private void atEnd() {
      stored.finish();
      check("plain CRC32C", expected.plainCrc32c(), stored.plainCrc32c());
      check("CRC32C", expected.crc32c(), stored.storedCrc32c());
    }

    private void check(String what, String expectedCrc, String found) {
      if (!expectedCrc.equals(found)) {
        throw new SpillFormatException(stored.file(), -1, what + ": expected " + expectedCrc + " (manifest), found " + found
            + ": the file's content changed after sealing");
      }
    }
  }
}
