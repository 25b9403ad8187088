package dev.spillway.spill;

import dev.spillway.segment.OwnerOnly;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Why records were rejected, for the refs to their keys: a ref whose key is missing because the
 * records holding it were rejected says so, with the first such record's file, line and reason
 * ({@link KeyStates#rejected}), instead of a bare "missing ref" to a key that is in the file. On
 * disk, not on the heap (a run may reject many records): one file, {@code idmap/rejected/reasons},
 * created 0600 on the first reason, appended to, read back at an offset the key's table keeps;
 * removed at the end of the run and when it fails. Reasons hold input values, like rejects.csv.
 * Layout, repeated: int32 n, n bytes of UTF-8. Not thread-safe.
 */
final class RejectReasons implements Closeable {
  /** A reason longer than this is cut (a chain of rejections would otherwise nest every reason). */
  static final int MAX_CHARS = 300;

  private final Path file;
  /** Null until the first reason. */
  private FileChannel channel;
  private long size;

  RejectReasons(Path file) {
    this.file = file;
  }

  /** Appends {@code text} (cut to {@link #MAX_CHARS}, never inside a surrogate pair); returns the offset to {@link #read} it at. */
  long append(String text) {
    String cut = text.length() <= MAX_CHARS ? text : text.substring(0, cutAt(text)) + "…";
    byte[] bytes = cut.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).flip();
    try {
      if (channel == null) {
        OwnerOnly.createDirectory(file.getParent());
        channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), OwnerOnly.file());
      }
      long offset = size;
      while (buffer.hasRemaining()) {
        size += channel.write(buffer, size);
      }
      return offset;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /** Where to cut {@code text}, longer than {@link #MAX_CHARS}: there, or one char before when a pair would be split. */
  private static int cutAt(String text) {
    return Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) && Character.isLowSurrogate(text.charAt(MAX_CHARS))
        ? MAX_CHARS - 1
        : MAX_CHARS;
  }

  /** The text appended at {@code offset}. */
  String read(long offset) {
    try {
      ByteBuffer length = ByteBuffer.allocate(4);
      readFully(length, offset);
      ByteBuffer bytes = ByteBuffer.allocate(length.flip().getInt());
      readFully(bytes, offset + 4);
      return new String(bytes.array(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " at " + offset, e);
    }
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("ends at " + at + ", " + buffer.remaining() + " bytes short");
      }
      at += n;
    }
  }

  /** Closes and deletes the file. Idempotent. */
  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
        channel = null;
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
  }
}
