package dev.spillway.idmap;

import dev.spillway.pgbinary.ByteSink;

/**
 * A natural key under construction: a reusable, unambiguous byte encoding of a composite key whose
 * parts are text ({@code String}, {@code null} meaning SQL NULL) or {@code long} (typically the id of
 * a nested ref). Not thread-safe; keep one per resolver and {@link #clear()} it per row, so the row
 * loop allocates nothing once the longest key has been seen.
 *
 * <p>Encoding (the bytes stored in the id map files), part after part, no header:
 * <pre>
 *   NULL part  0x00
 *   text part  0x01, unsigned LEB128 varint n, then n bytes of UTF-8
 *   long part  0x02, zigzag LEB128 varint of the value (1..10 bytes)
 * </pre>
 * Every part is self-delimiting (a tag, then a length or a terminated varint), so the concatenation
 * parses in exactly one way: NULL differs from {@code ""} (tag 0x00 vs 0x01 0x00), the text
 * {@code "a|b"} from the parts {@code "a","b"} (one length prefix vs two), the long {@code 5} from
 * the text {@code "5"} (tag 0x02 vs 0x01), and keys of different arity from each other. Text is
 * encoded as UTF-8 with unpaired surrogates written as their own three-byte sequence (WTF-8), so
 * distinct Java strings always encode differently even when they are not valid Unicode.
 * {@link NaturalKeyDecoder} parses the format back.
 *
 * <p>A part that would make the key longer than {@link #MAX_ENCODED_BYTES} is refused with
 * {@link KeyTooLongException} before any of its bytes are written; the parts added before it stay.
 */
public final class NaturalKey {
  /** Largest encoded key the id maps accept; every map generation is sized to hold it. */
  public static final int MAX_ENCODED_BYTES = 8192;

  static final int TAG_NULL = 0x00;
  static final int TAG_TEXT = 0x01;
  static final int TAG_LONG = 0x02;

  /** Encoded parts; bytes [0, sink.size()) are the key. */
  private final ByteSink sink = new ByteSink(64);
  /** Number of parts added since the last clear. */
  private int partCount;

  /** Convenience for tests and seeding: parts are {@code String}, {@code null}, {@code Long} or {@code Integer}. */
  public static NaturalKey of(Object... parts) {
    NaturalKey key = new NaturalKey();
    for (Object part : parts) {
      if (part == null || part instanceof String) {
        key.addText((String) part);
      } else if (part instanceof Long || part instanceof Integer) {
        key.addLong(((Number) part).longValue());
      } else {
        throw new IllegalArgumentException("key part must be String, null, Long or Integer: " + part.getClass().getName());
      }
    }
    return key;
  }

  public NaturalKey clear() {
    sink.reset();
    partCount = 0;
    return this;
  }

  /** Adds a text part; {@code null} adds a NULL part. */
  public NaturalKey addText(String text) {
    if (text == null) {
      return addNull();
    }
    int chars = text.length();
    if (sink.size() + 1 + varintLength(chars) + (long) chars <= MAX_ENCODED_BYTES) {
      // ASCII text (the usual key) in one pass: its UTF-8 length is its char count
      int mark = sink.size();
      sink.writeByte(TAG_TEXT);
      writeVarint(chars);
      if (sink.writeAscii(text)) {
        partCount++;
        return this;
      }
      sink.truncate(mark);
    }
    int utf8Length = Wtf8.encodedLength(text);
    checkRoom(1 + varintLength(utf8Length) + (long) utf8Length);
    sink.writeByte(TAG_TEXT);
    writeVarint(utf8Length);
    Wtf8.encode(text, sink);
    partCount++;
    return this;
  }

  public NaturalKey addNull() {
    checkRoom(1);
    sink.writeByte(TAG_NULL);
    partCount++;
    return this;
  }

  public NaturalKey addLong(long value) {
    long zigzag = (value << 1) ^ (value >> 63);
    checkRoom(1 + varintLength(zigzag));
    sink.writeByte(TAG_LONG);
    writeVarint(zigzag);
    partCount++;
    return this;
  }

  public int partCount() {
    return partCount;
  }

  public int encodedLength() {
    return sink.size();
  }

  /** A copy of the encoded bytes. */
  public byte[] toByteArray() {
    return sink.toByteArray();
  }

  /** Makes this key a copy of {@code other} (its bytes and part count), reusing this key's buffer. */
  public NaturalKey copyFrom(NaturalKey other) {
    sink.reset();
    sink.write(other.sink.array(), 0, other.sink.size());
    partCount = other.partCount;
    return this;
  }

  /** Whether this key and {@code other} have the same encoded bytes, compared without copying. */
  public boolean sameBytes(NaturalKey other) {
    int length = sink.size();
    return other.sink.size() == length && KeyBytes.equalRanges(sink.array(), 0, other.sink.array(), 0, length);
  }

  /** A hash of the encoded bytes (equal keys, equal hashes), for filters in front of a map. */
  public int bytesHash() {
    byte[] bytes = sink.array();
    int h = 1;
    for (int i = 0, n = sink.size(); i < n; i++) {
      h = 31 * h + bytes[i];
    }
    return h * 0x9E3779B9; // spread the low bits into the high ones
  }

  /** The backing array; valid bytes are [0, encodedLength()). Do not keep it across additions. */
  byte[] array() {
    return sink.array();
  }

  /** Human-readable parts for error messages, e.g. {@code ["foo", NULL, 42]}. */
  @Override
  public String toString() {
    return NaturalKeyDecoder.describe(sink.array(), 0, sink.size());
  }

  private void writeVarint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      sink.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    sink.writeByte((int) v);
  }

  static int varintLength(long value) {
    int bits = 64 - Long.numberOfLeadingZeros(value | 1);
    return (bits + 6) / 7;
  }

  /** Checked before writing, so a refused part leaves no partial bytes behind it. */
  private void checkRoom(long partBytes) {
    long needed = sink.size() + partBytes;
    if (needed > MAX_ENCODED_BYTES) {
      throw new KeyTooLongException(needed, MAX_ENCODED_BYTES, partCount + 1);
    }
  }
}
