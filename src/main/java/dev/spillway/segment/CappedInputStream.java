package dev.spillway.segment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.LongFunction;

/**
 * A thin layer that counts the bytes read through it and refuses to deliver more than a declared
 * number: the decompression-bomb guard for zstd segments (cap = the plain size the manifest or the
 * file's trailer declares) and the "file grew while being read" guard for plain ones. It asks the
 * stream below for at most one byte beyond the cap, so exceeding it costs nothing, and throws a
 * {@link SpillFormatException} at the cap's offset instead of delivering that byte. Not thread-safe.
 */
final class CappedInputStream extends ReadThroughInputStream {
  private final Path file;
  /** Most bytes this stream will deliver. */
  private final long capBytes;
  /** Says, given the cap, why exceeding it is a defect. */
  private final LongFunction<String> overflowProblem;
  /** Bytes delivered so far, at most capBytes. */
  private long byteCount;

  CappedInputStream(InputStream in, Path file, long capBytes, LongFunction<String> overflowProblem) {
    super(in);
    this.file = file;
    this.capBytes = capBytes;
    this.overflowProblem = overflowProblem;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int allowed = (int) Math.min(len, capBytes - byteCount + 1);
    int n = in.read(b, off, allowed);
    if (n > 0 && byteCount + n > capBytes) {
      throw new SpillFormatException(file, capBytes, overflowProblem.apply(capBytes));
    }
    if (n > 0) {
      byteCount += n;
    }
    return n;
  }

  /** Bytes delivered so far. */
  long byteCount() {
    return byteCount;
  }
}
