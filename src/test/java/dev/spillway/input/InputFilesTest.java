package dev.spillway.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link InputFiles}: names that pick a decompressor, and standard input peeked, then read once. */
class InputFilesTest {
  /** Hands out at most one byte per read, as a slow pipe may. */
  private static final class OneByteAtATime extends ByteArrayInputStream {
    OneByteAtATime(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, 1));
    }
  }

  @Test
  void theNameDecidesTheDecompression() {
    assertTrue(InputFiles.isGzip(Path.of("x/a.csv.gz")));
    assertFalse(InputFiles.isGzip(Path.of("x/a.gzip")));
    assertTrue(InputFiles.isZstd(Path.of("x/a.jsonl.zst")));
    assertFalse(InputFiles.isZstd(Path.of("x/a.zstd")));
    assertTrue(InputFiles.isStdin(Path.of("-")));
    assertFalse(InputFiles.isGzip(Path.of("-")));
  }

  @Test
  void standardInputIsPeekedTwiceThenReadWholeOnce() throws IOException {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    InputFiles files = new InputFiles(new OneByteAtATime(data));
    for (int peek = 0; peek < 2; peek++) {
      try (InputBytes in = files.open(InputFiles.STDIN, true)) {
        assertArrayEquals(Arrays.copyOf(data, 100_000), in.plain().readNBytes(100_000), "peek " + peek + " sees the start");
        assertEquals(0, in.sizeBytes());
      }
    }
    try (InputBytes in = files.open(InputFiles.STDIN, false)) {
      assertArrayEquals(data, in.plain().readAllBytes(), "the real pass starts at the beginning and reads all");
      assertEquals(data.length, in.counted().getCount());
    }
    InputException again = assertThrows(InputException.class, () -> files.open(InputFiles.STDIN, false));
    assertEquals("stdin: standard input can be read only once (file: \"-\" in one source only)", again.getMessage());
    InputStream none = null;
    InputException missing = assertThrows(InputException.class, () -> new InputFiles(none).open(InputFiles.STDIN, true));
    assertEquals("stdin: no standard input to read in this run", missing.getMessage());
  }
}
