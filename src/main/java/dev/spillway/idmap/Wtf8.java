package dev.spillway.idmap;

import dev.spillway.pgbinary.ByteSink;

/**
 * UTF-8 encoding of Java strings without allocation, injective over all strings: a surrogate that is
 * not part of a valid pair is written as its own three-byte sequence (the WTF-8 convention) instead
 * of being replaced by {@code '?'} as {@link String#getBytes} does. Valid strings encode exactly as
 * standard UTF-8.
 */
final class Wtf8 {
  private Wtf8() {}

  static int encodedLength(String s) {
    int length = s.length();
    int bytes = length;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (isPairAt(s, i)) {
          bytes += 2; // 2 chars -> 4 bytes
          i++;
        } else {
          bytes += 2; // BMP char or lone surrogate -> 3 bytes
        }
      }
    }
    return bytes;
  }

  static void encode(String s, ByteSink out) {
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out.writeByte(c);
      } else if (c < 0x800) {
        out.writeByte(0xC0 | (c >>> 6));
        out.writeByte(0x80 | (c & 0x3F));
      } else if (isPairAt(s, i)) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out.writeByte(0xF0 | (cp >>> 18));
        out.writeByte(0x80 | ((cp >>> 12) & 0x3F));
        out.writeByte(0x80 | ((cp >>> 6) & 0x3F));
        out.writeByte(0x80 | (cp & 0x3F));
      } else {
        out.writeByte(0xE0 | (c >>> 12));
        out.writeByte(0x80 | ((c >>> 6) & 0x3F));
        out.writeByte(0x80 | (c & 0x3F));
      }
    }
  }

  private static boolean isPairAt(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
  }
}
