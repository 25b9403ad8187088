package dev.spillway.segment;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * A thin layer that computes the CRC32C and the count of every byte read through it. Skipping is
 * done by reading, so the checksum always covers every byte that was passed over. Not thread-safe.
 */
public final class Crc32cInputStream extends ReadThroughInputStream {
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

  public long byteCount() {
    return byteCount;
  }

  public int crc32c() {
    return (int) crc.getValue();
  }
}
