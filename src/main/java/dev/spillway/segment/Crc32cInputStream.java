package dev.spillway.segment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * A thin layer that computes the CRC32C and the count of every byte read through it. Skipping is
 * done by reading, so the checksum always covers every byte that was passed over. Not thread-safe.
 */
public final class Crc32cInputStream extends FilterInputStream {
  /** CRC32C of all bytes read so far. */
  private final CRC32C crc = new CRC32C();
  /** Number of bytes read so far. */
  private long byteCount;

  public Crc32cInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      crc.update(b);
      byteCount++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      crc.update(b, off, n);
      byteCount += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  public long byteCount() {
    return byteCount;
  }

  public int crc32c() {
    return (int) crc.getValue();
  }
}
