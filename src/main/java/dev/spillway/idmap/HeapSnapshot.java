package dev.spillway.idmap;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The data file of a map that closed with its keys on the heap ({@link HeapKeys}): the entries
 * written in one sequential pass, instead of one Chronicle Map insert each (a third of stage one's
 * time for maps that never left the heap). Layout, big-endian:
 * <pre>
 *   offset  size  field
 *        0     8  magic "SPWKEYS1"
 *        8     8  entry count n
 *       16     .  n entries: key length k (4), k key bytes (a NaturalKey encoding), value (8)
 *        .     4  CRC32C of every byte before it
 * </pre>
 * Written in place, then fsynced, before the checkpoint that names it says CLOSED, so a torn file
 * is never trusted (a crash leaves the checkpoint OPEN, which is refused). Read back in full on
 * reopen: any disagreement (magic, count, key length, CRC32C, trailing bytes) is an
 * {@link IdMapCorruptException} naming the file and byte offset.
 */
final class HeapSnapshot {
  static final byte[] MAGIC = {'S', 'P', 'W', 'K', 'E', 'Y', 'S', '1'};
  static final int BUFFER_BYTES = 1 << 16;

  private HeapSnapshot() {}

  /** Writes every entry of {@code keys}, in insertion order, to {@code file} (created 0600) and fsyncs it. */
  static void write(Path file, HeapKeys keys) throws IOException {
    OwnerOnlyFiles.createEmptyFile(file);
    CRC32C crc = new CRC32C();
    try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      // entries go into one big-endian buffer written when full: no stream call per field
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
      OutputStream out = new CheckedOutputStream(raw, crc);
      buffer.put(MAGIC).putLong(keys.size());
      IOException[] failure = new IOException[1];
      keys.forEach((arena, offset, length, value) -> {
        if (failure[0] != null) {
          return;
        }
        try {
          if (buffer.remaining() < 4 + length + 8) { // an entry is at most 12 + MAX_ENCODED_BYTES < BUFFER_BYTES
            drain(buffer, out);
          }
          buffer.putInt(length).put(arena, offset, length).putLong(value);
        } catch (IOException e) {
          failure[0] = e;
        }
      });
      if (failure[0] != null) {
        throw failure[0];
      }
      drain(buffer, out);
      buffer.putInt((int) crc.getValue());
      drain(buffer, raw);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void drain(ByteBuffer buffer, OutputStream out) throws IOException {
    out.write(buffer.array(), 0, buffer.position());
    buffer.clear();
  }

  /** Hears one entry read back. */
  interface EntrySink {
    void accept(byte[] key, int length, long value);
  }

  /** Reads {@code file}, checking it whole, and hands each entry to {@code sink}; returns the entry count. */
  static long read(Path file, String table, EntrySink sink) throws IOException {
    CRC32C crc = new CRC32C();
    long offset = 0;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        CheckedInputStream checked = new CheckedInputStream(raw, crc);
        DataInputStream in = new DataInputStream(checked)) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IdMapCorruptException(table, file, "byte 0: not a heap snapshot (magic " + Arrays.toString(magic) + ")");
      }
      long count = in.readLong();
      offset = 16;
      if (count < 0) {
        throw new IdMapCorruptException(table, file, "byte 8: entry count " + count);
      }
      byte[] key = new byte[NaturalKey.MAX_ENCODED_BYTES];
      for (long i = 0; i < count; i++) {
        int length = in.readInt();
        if (length < 1 || length > NaturalKey.MAX_ENCODED_BYTES) {
          throw new IdMapCorruptException(table, file, "byte " + offset + ": key length " + length + " of entry " + i
              + " outside [1, " + NaturalKey.MAX_ENCODED_BYTES + "]");
        }
        in.readFully(key, 0, length);
        long value = in.readLong();
        offset += 12 + length;
        sink.accept(key, length, value);
      }
      int expected = (int) crc.getValue();
      int stored = new DataInputStream(raw).readInt();
      if (stored != expected) {
        throw new IdMapCorruptException(table, file, "byte " + offset + ": CRC32C " + Integer.toHexString(stored)
            + " stored, " + Integer.toHexString(expected) + " computed");
      }
      if (raw.read() != -1) {
        throw new IdMapCorruptException(table, file, "byte " + (offset + 4) + ": bytes after the CRC32C");
      }
      return count;
    } catch (EOFException e) {
      throw new IdMapCorruptException(table, file, "torn: ends near byte " + offset + " before its CRC32C", e);
    }
  }
}
