package dev.spillway.segment;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Decompresses the zstd frame region of a {@code .pgcopy.zst} segment (streaming, zstd-jni) and
 * turns zstd's complaints about its input into {@link SpillFormatException}s naming the file and how
 * far into it the decoder had read (zstd reads ahead in blocks, so the defect lies at or before that
 * offset). The decoder refuses frames whose window exceeds 2^{@value #WINDOW_LOG_MAX} bytes, which
 * bounds its native memory whatever a hostile frame header asks for. I/O errors of the file itself
 * stay {@link IOException}s. Not thread-safe.
 */
final class ZstdPlainInputStream extends InputStream {
  /** Largest window a reader accepts: 8 MiB (spillway writes level {@value SegmentCompressor#ZSTD_LEVEL}, window 2 MiB). */
  static final int WINDOW_LOG_MAX = 23;

  private final Path file;
  private final ZstdInputStream zstd;
  /** Compressed bytes the decoder has pulled from the file so far. */
  private final LongSupplier compressedOffset;

  /** {@code frames} yields exactly the file's frame region; {@code compressedOffset} counts what was read of it. */
  ZstdPlainInputStream(Path file, InputStream frames, LongSupplier compressedOffset) throws IOException {
    this.file = file;
    this.compressedOffset = compressedOffset;
    this.zstd = new ZstdInputStream(frames);
    this.zstd.setLongMax(WINDOW_LOG_MAX);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = zstd.read(b, off, len);
      // Never pass a 0-byte read on; retry only while the decoder still consumes input (bounded by the file).
      while (n == 0 && len > 0) {
        long before = compressedOffset.getAsLong();
        n = zstd.read(b, off, len);
        if (n == 0 && compressedOffset.getAsLong() == before) {
          throw new SpillFormatException(file, before, "zstd decoder made no progress at compressed byte " + before);
        }
      }
      return n;
    } catch (ZstdIOException e) {
      long at = compressedOffset.getAsLong();
      throw new SpillFormatException(file, at, "zstd data is corrupt: " + e.getMessage() + " (detected after reading "
          + at + " compressed bytes)", e);
    }
  }

  @Override
  public void close() throws IOException {
    zstd.close();
  }
}
