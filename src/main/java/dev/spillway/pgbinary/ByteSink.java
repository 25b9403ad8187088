package dev.spillway.pgbinary;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * A growable, reusable big-endian byte buffer: the tuple under construction in the row loop. Not
 * thread-safe; one per writer thread. {@link #reset()} keeps the allocated array so the row loop
 * allocates nothing once the largest row has been seen.
 */
public final class ByteSink {
  /** Backing array; bytes [0, size) are written. */
  private byte[] buf;
  /** Number of bytes written since the last reset. */
  private int size;

  public ByteSink(int initialCapacity) {
    checkArgument(initialCapacity > 0, "initialCapacity <= 0: %s", initialCapacity);
    this.buf = new byte[initialCapacity];
  }

  public ByteSink() {
    this(256);
  }

  public void reset() {
    size = 0;
  }

  /** Drops bytes written after {@code newSize} (e.g. a half-encoded tuple); keeps the array. */
  public void truncate(int newSize) {
    checkArgument(newSize >= 0 && newSize <= size, "newSize out of range: %s (size %s)", newSize, size);
    size = newSize;
  }

  public int size() {
    return size;
  }

  /** The backing array; valid bytes are [0, size()). Do not keep it across writes. */
  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public ByteSink writeByte(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public ByteSink writeShort(int v) {
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  public ByteSink writeInt(int v) {
    ensure(4);
    putInt(size, v);
    size += 4;
    return this;
  }

  public ByteSink writeLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  public ByteSink write(byte[] src) {
    return write(src, 0, src.length);
  }

  public ByteSink write(byte[] src, int offset, int length) {
    ensure(length);
    System.arraycopy(src, offset, buf, size, length);
    size += length;
    return this;
  }

  /**
   * Appends {@code s} one byte per char if every char is ASCII (then its UTF-8 bytes) and answers
   * true; else answers false with nothing appended. One pass, room ensured once.
   */
  public boolean writeAscii(String s) {
    int n = s.length();
    ensure(n);
    int start = size;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        size = start;
        return false;
      }
      buf[start + i] = (byte) c;
    }
    size = start + n;
    return true;
  }

  /**
   * Appends {@code s} encoded as UTF-8 without an intermediate array. The caller has rejected lone
   * surrogates (see {@link PgText#checkText}); one would be written as {@code ?} like
   * {@link String#getBytes}.
   */
  public ByteSink writeUtf8(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[size++] = (byte) c; // room: ensure() below keeps one byte per remaining char
      } else {
        ensure(4 + (n - i - 1));
        if (c < 0x800) {
          buf[size++] = (byte) (0xC0 | (c >> 6));
          buf[size++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buf[size++] = (byte) (0xF0 | (cp >> 18));
          buf[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buf[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buf[size++] = (byte) (0x80 | (cp & 0x3F));
        } else if (Character.isSurrogate(c)) {
          buf[size++] = '?';
        } else {
          buf[size++] = (byte) (0xE0 | (c >> 12));
          buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          buf[size++] = (byte) (0x80 | (c & 0x3F));
        }
      }
    }
    return this;
  }

  /** Reserves four bytes for a length written later with {@link #patchInt}; returns their position. */
  public int reserveInt() {
    ensure(4);
    int at = size;
    size += 4;
    return at;
  }

  /** Overwrites four bytes at {@code position} (which must lie within the written bytes). */
  public void patchInt(int position, int v) {
    checkArgument(position >= 0 && position + 4 <= size, "position out of range: %s (size %s)", position, size);
    putInt(position, v);
  }

  private void putInt(int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  private void ensure(int extra) {
    long needed = (long) size + extra;
    if (needed > buf.length) {
      checkArgument(needed <= Integer.MAX_VALUE - 8, "tuple larger than 2 GiB: %s bytes", needed);
      buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 8)));
    }
  }
}
