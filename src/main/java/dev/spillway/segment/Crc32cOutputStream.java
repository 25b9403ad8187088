package dev.spillway.segment;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * A thin layer that computes the CRC32C and the count of every byte written through it, then passes
 * the bytes on unchanged. The segment writer stacks it directly under its own writes, so the checksum
 * covers exactly the bytes of the file. Not thread-safe.
 */
public final class Crc32cOutputStream extends FilterOutputStream {
  /** CRC32C of all bytes written so far. */
  private final CRC32C crc = new CRC32C();
  /** Number of bytes written so far. */
  private long byteCount;

  public Crc32cOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    crc.update(b);
    byteCount++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    crc.update(b, off, len);
    byteCount += len;
  }

  public long byteCount() {
    return byteCount;
  }

  /** The CRC32C of the bytes so far, as an unsigned 32-bit value. */
  public int crc32c() {
    return (int) crc.getValue();
  }
}
