package dev.spillway.segment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter layer that must see every byte passed over, such as a checksum or a size cap: skipping
 * is done by reading through {@link #read(byte[], int, int)} (so the subclass counts the skipped
 * bytes too), and mark/reset are not supported (a reset would make it see bytes twice).
 * Not thread-safe.
 */
abstract class ReadThroughInputStream extends FilterInputStream {
  /** Largest buffer a skip reads into. */
  private static final int SKIP_BUFFER_BYTES = 8192;

  ReadThroughInputStream(InputStream in) {
    super(in);
  }

  /** Reads and discards up to {@code n} bytes; fewer only at the end of the stream. */
  @Override
  public final long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), SKIP_BUFFER_BYTES)];
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
  public final boolean markSupported() {
    return false;
  }
}
