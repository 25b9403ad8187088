package dev.spillway.idmap;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parses the {@link NaturalKey} encoding back into parts: {@code String}, {@code null} (SQL NULL) or
 * {@code Long}. Used for error messages and by tools that inspect id map files, which are untrusted:
 * any malformation (unknown tag, truncated length or text, overlong varint, bad UTF-8) is an
 * {@link IllegalArgumentException} naming the byte offset.
 */
public final class NaturalKeyDecoder {
  private NaturalKeyDecoder() {}

  public static List<Object> decode(byte[] bytes, int offset, int length) {
    checkArgument(offset >= 0 && length >= 0 && offset + length <= bytes.length,
        "range out of bounds: offset %s length %s array %s", offset, length, bytes.length);
    List<Object> parts = new ArrayList<>();
    Cursor in = new Cursor(bytes, offset, offset + length);
    while (in.pos < in.end) {
      int tagAt = in.pos;
      int tag = bytes[in.pos++];
      switch (tag) {
        case NaturalKey.TAG_NULL -> parts.add(null);
        case NaturalKey.TAG_TEXT -> parts.add(readText(in));
        case NaturalKey.TAG_LONG -> {
          long zigzag = in.readVarint();
          parts.add((zigzag >>> 1) ^ -(zigzag & 1));
        }
        default -> throw new IllegalArgumentException("unknown key part tag " + tag + " at byte " + (tagAt - offset));
      }
    }
    return Collections.unmodifiableList(parts);
  }

  /** Parts as {@code ["text", NULL, 42]}; a malformed key is described as such, never thrown. */
  public static String describe(byte[] bytes, int offset, int length) {
    List<Object> parts;
    try {
      parts = decode(bytes, offset, length);
    } catch (IllegalArgumentException e) {
      return "<malformed key: " + e.getMessage() + ">";
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < parts.size(); i++) {
      Object part = parts.get(i);
      out.append(i == 0 ? "" : ", ");
      if (part == null) {
        out.append("NULL");
      } else if (part instanceof String text) {
        appendQuoted(out, text);
      } else {
        out.append(part);
      }
    }
    return out.append(']').toString();
  }

  private static String readText(Cursor in) {
    long byteCount = in.readVarint();
    if (byteCount > in.end - in.pos) {
      throw new IllegalArgumentException("text part of " + byteCount + " bytes at byte " + in.relative()
          + " runs past the key end (" + (in.end - in.pos) + " bytes left)");
    }
    int textEnd = in.pos + (int) byteCount;
    StringBuilder text = new StringBuilder((int) byteCount);
    while (in.pos < textEnd) {
      int at = in.pos;
      int b = in.bytes[in.pos++] & 0xFF;
      int extra = b < 0x80 ? 0 : b >= 0xC2 && b < 0xE0 ? 1 : b >= 0xE0 && b < 0xF0 ? 2 : b >= 0xF0 && b < 0xF5 ? 3 : -1;
      if (extra < 0 || in.pos + extra > textEnd) {
        throw new IllegalArgumentException("bad UTF-8 lead byte " + b + " at byte " + (at - in.start));
      }
      int cp = extra == 0 ? b : b & (0x3F >> extra);
      for (int k = 0; k < extra; k++) {
        int c = in.bytes[in.pos++] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          throw new IllegalArgumentException("bad UTF-8 continuation byte " + c + " at byte " + (in.pos - 1 - in.start));
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      int minimum = extra == 0 ? 0 : extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
      if (cp < minimum || cp > Character.MAX_CODE_POINT) {
        throw new IllegalArgumentException("overlong or out-of-range UTF-8 sequence at byte " + (at - in.start));
      }
      text.appendCodePoint(cp);
    }
    return text.toString();
  }

  private static void appendQuoted(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7F) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  /** Read position over bytes [start, end). */
  private static final class Cursor {
    final byte[] bytes;
    final int start;
    final int end;
    /** Next byte to read; start <= pos <= end. */
    int pos;

    Cursor(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.start = start;
      this.end = end;
      this.pos = start;
    }

    int relative() {
      return pos - start;
    }

    long readVarint() {
      int at = pos;
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new IllegalArgumentException("truncated varint at byte " + (at - start));
        }
        int b = bytes[pos++] & 0xFF;
        if (shift == 63 && b > 1) {
          throw new IllegalArgumentException("varint overflows 64 bits at byte " + (at - start));
        }
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (pos - at > 1 && b == 0) {
            throw new IllegalArgumentException("overlong varint at byte " + (at - start));
          }
          return value;
        }
      }
      throw new IllegalArgumentException("varint longer than 10 bytes at byte " + (at - start));
    }
  }
}
