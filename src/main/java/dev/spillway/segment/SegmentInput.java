package dev.spillway.segment;

import dev.spillway.pgbinary.ByteSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The segment reader's view of its untrusted input: a fixed buffer over the stream, big-endian reads, and the file offset of the next unread byte. It never allocates on behalf of the
 * file: {@link #copyTo} grows the caller's buffer only by bytes actually read. Tolerates streams that
 * return any number of bytes per read, down to one. Running out of input throws
 * {@link EndOfInput} so the reader can say which element was cut. Not thread-safe.
 */
final class SegmentInput {
  static final int BUFFER_BYTES = 64 * 1024;

  private final Path file;
  /** Appended to every problem, saying what the offsets count (empty for a plain file). */
  private final String offsetNote;
  private final InputStream in;
  /** Declared file size, or -1 when unknown (a decompressing stream). */
  private final long sizeBytes;
  /** Read-ahead; bytes [pos, limit) are read from the stream but not yet consumed. */
  private final byte[] buf = new byte[BUFFER_BYTES];
  /** Next unconsumed byte in buf. */
  private int pos;
  /** End of valid bytes in buf. */
  private int limit;
  /** File offset of buf[pos]: bytes consumed so far. */
  private long position;

  /** Thrown when the input ends inside an element; {@code endOffset} is where it ended. */
  static final class EndOfInput extends Exception {
    final long endOffset;

    EndOfInput(long endOffset) {
      super(null, null, false, false);
      this.endOffset = endOffset;
    }
  }

  SegmentInput(Path file, InputStream in, long sizeBytes) {
    this(file, in, sizeBytes, "");
  }

  /** What offsets count, appended to every problem (empty for a plain file). */
  String offsetNote() {
    return offsetNote;
  }

  /** {@code offsetNote} is appended to every problem, e.g. " (offset in the zstd-decompressed binary COPY stream)". */
  SegmentInput(Path file, InputStream in, long sizeBytes, String offsetNote) {
    this.file = file;
    this.in = in;
    this.sizeBytes = sizeBytes;
    this.offsetNote = offsetNote;
  }

  Path file() {
    return file;
  }

  long position() {
    return position;
  }

  /** Bytes the declared size leaves after the current position; Long.MAX_VALUE when the size is unknown. */
  long bytesLeft() {
    return sizeBytes < 0 ? Long.MAX_VALUE : sizeBytes - position;
  }

  long sizeBytes() {
    return sizeBytes;
  }

  short readShort() throws EndOfInput {
    require(2);
    short v = (short) (((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF));
    consume(2);
    return v;
  }

  int readInt() throws EndOfInput {
    require(4);
    int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
    consume(4);
    return v;
  }

  void readFully(byte[] dst, int off, int len) throws EndOfInput {
    while (len > 0) {
      require(1);
      int n = Math.min(len, limit - pos);
      System.arraycopy(buf, pos, dst, off, n);
      consume(n);
      off += n;
      len -= n;
    }
  }

  /** Appends the next {@code len} bytes to {@code sink}, chunk by chunk. */
  void copyTo(ByteSink sink, int len) throws EndOfInput {
    while (len > 0) {
      require(1);
      int n = Math.min(len, limit - pos);
      sink.write(buf, pos, n);
      consume(n);
      len -= n;
    }
  }

  /** Consumes the next {@code len} bytes without keeping them. */
  void skip(int len) throws EndOfInput {
    while (len > 0) {
      require(1);
      int n = Math.min(len, limit - pos);
      consume(n);
      len -= n;
    }
  }

  /** True when no byte is left; reads ahead to find out. */
  boolean atEnd() {
    return pos == limit && !fill();
  }

  SpillFormatException error(long offset, String problem) {
    return new SpillFormatException(file, offset, problem + offsetNote);
  }

  private void consume(int n) {
    pos += n;
    position += n;
  }

  private void require(int n) throws EndOfInput {
    while (limit - pos < n) {
      if (!fill()) {
        throw new EndOfInput(position + (limit - pos));
      }
    }
  }

  /** Reads more bytes after the unconsumed ones; false at end of stream. */
  private boolean fill() {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    try {
      int n = in.read(buf, limit, buf.length - limit);
      if (n == 0) {
        throw new IOException("the stream returned 0 bytes for a read of " + (buf.length - limit));
      }
      if (n < 0) {
        return false;
      }
      limit += n;
      return true;
    } catch (IOException e) {
      throw new SpillIoException(file, "reading at byte " + (position + limit - pos) + " of", e);
    }
  }
}
