package dev.spillway.segment;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** Deliberately awkward input fixtures: streams that return as little as the contract allows. */
final class AwkwardStreams {
  private AwkwardStreams() {}

  /** Returns one byte per read call. */
  static InputStream oneByteAtATime(byte[] content) {
    return new FilterInputStream(new ByteArrayInputStream(content)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : super.read(b, off, 1);
      }
    };
  }

  /** Returns a random 1..len bytes per read call (seeded). */
  static InputStream randomChunks(byte[] content, long seed) {
    Random random = new Random(seed);
    return new FilterInputStream(new ByteArrayInputStream(content)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : super.read(b, off, 1 + random.nextInt(Math.min(len, 97)));
      }
    };
  }
}
