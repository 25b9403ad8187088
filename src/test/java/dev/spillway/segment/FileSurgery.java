package dev.spillway.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Test fixture: changes bytes of a file in place, without truncating it (a truncating rewrite costs
 * a journal commit on ext4, about a millisecond; a positional write costs microseconds).
 */
final class FileSurgery {
  private FileSurgery() {}

  /** Overwrites {@code bytes} at {@code offset}. */
  static void put(Path file, long offset, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf, offset + buf.position());
      }
    }
  }

  /** XORs the byte at {@code offset} with {@code mask}; calling it twice restores the file. */
  static void xor(Path file, long offset, int mask, byte[] original) throws IOException {
    put(file, offset, new byte[] {(byte) (original[(int) offset] ^ mask)});
  }
}
