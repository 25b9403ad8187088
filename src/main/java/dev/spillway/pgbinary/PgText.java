package dev.spillway.pgbinary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text helpers shared by the codecs: Postgres's notion of white space (C {@code isspace}) and of
 * hex digits, the checks every string value passes before it may be stored (no NUL, no lone UTF-16
 * surrogate), and strict UTF-8 decoding of untrusted payloads. Stateless.
 */
final class PgText {
  static final String NUL_IN_TEXT = "NUL byte in text";

  private PgText() {}

  /** C {@code isspace} in the "C" locale: space, TAB, LF, VT, FF, CR. */
  static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** Value 0-15 of an ASCII hex digit ({@code 0-9}, {@code a-f}, {@code A-F}); -1 for any other char. */
  static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Strips leading and trailing {@link #isSpace} characters, as most Postgres input functions do. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /**
   * Rejects what Postgres cannot store in a UTF-8 database: a NUL character, and (Java strings
   * only) a lone surrogate, which has no UTF-8 encoding.
   */
  static void checkText(String s) {
    int n = s.length();
    int start = 0;
    // fast scan: one unsigned compare per char finds NUL (wraps to 0xFFFF) and every char from the surrogates up
    while (start < n && (char) (s.charAt(start) - 1) < 0xD7FF) {
      start++;
    }
    for (int i = start; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0) {
        throw new InvalidValueException(NUL_IN_TEXT);
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new InvalidValueException("invalid UTF-16 surrogate in text at char " + i);
        }
      }
    }
  }

  /**
   * Decodes a payload as strict UTF-8 (no overlong forms, no encoded surrogates) and rejects NUL,
   * as the server's encoding check does for binary text input.
   */
  static String decodeUtf8(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    boolean ascii = true;
    for (int i = offset, end = offset + length; i < end; i++) {
      if (buf[i] == 0) {
        throw new InvalidValueException(NUL_IN_TEXT);
      }
      ascii &= buf[i] > 0;
    }
    if (ascii) { // the common case: every byte 0x01..0x7F is valid UTF-8 and decodes one-to-one
      return new String(buf, offset, length, StandardCharsets.US_ASCII);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buf, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidValueException("invalid byte sequence for encoding UTF8", e);
    }
  }

  /** Number of Unicode code points, which is what Postgres counts as characters in UTF-8. */
  static int charCount(String s) {
    return s.codePointCount(0, s.length());
  }
}
