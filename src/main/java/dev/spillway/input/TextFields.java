package dev.spillway.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one line of PostgreSQL text format into fields and undoes the backslash escapes, as
 * {@code CopyReadAttributesText} does (PostgreSQL 15), working on bytes and decoding each field
 * afterwards, so escaped bytes combine into characters as they do in COPY ({@code \xc3\xa9} is é):
 * <ul>
 *   <li>fields are separated by the one-byte delimiter; an escaped delimiter ({@code \<TAB>}) is data;
 *   <li>a field whose raw bytes equal the null string ({@code \N} by default) is NULL, before any
 *       unescaping: {@code \\N} is the text {@code \N};
 *   <li>{@code \b \f \n \r \t \v} are the control characters, {@code \d}, {@code \dd}, {@code \ddd}
 *       octal bytes (the value taken modulo 256), {@code \xh} and {@code \xhh} hex bytes ({@code \x}
 *       without a hex digit is {@code x}); a backslash before any other byte stands for that byte
 *       ({@code \q} is {@code q}, {@code \\} a backslash); a backslash ending the line is dropped;
 *   <li>a field holding a zero byte or bytes invalid in the encoding is refused, as COPY refuses it
 *       ({@code invalid byte sequence for encoding "UTF8": 0x00}): {@link #split} then returns null
 *       and {@link #problem()} says why.
 * </ul>
 * The line is UTF-8 (the reader transcodes other files first, as COPY converts to the server
 * encoding); the delimiter is ASCII (the plan checks it). Single-threaded.
 */
final class TextFields {
  private final byte delimiter;
  /** the null string's bytes in UTF-8. */
  private final byte[] nullBytes;
  private final CharsetDecoder decoder;
  /** the unescaped bytes of the field being built. */
  private byte[] out = new byte[256];
  /** why the last {@link #split} returned null. */
  private String problem;

  TextFields(char delimiter, String nullString) {
    this.delimiter = (byte) delimiter;
    this.nullBytes = nullString.getBytes(StandardCharsets.UTF_8);
    this.decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  String problem() {
    return problem;
  }

  /** The fields of {@code line[0, length)}, or null when one cannot be a PostgreSQL text value. */
  String[] split(byte[] line, int length) {
    List<String> fields = new ArrayList<>();
    int at = 0;
    while (true) {
      int start = at;
      int n = 0;
      boolean escaped = false;
      boolean foundDelimiter = false;
      int end = at;
      while (true) {
        end = at;
        if (at >= length) {
          break;
        }
        byte c = line[at++];
        if (c == delimiter) {
          foundDelimiter = true;
          break;
        }
        if (c == '\\') {
          if (at >= length) {
            break;
          }
          escaped = true;
          c = line[at++];
          switch (c) {
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
              int value = c - '0';
              for (int i = 0; i < 2 && at < length && line[at] >= '0' && line[at] <= '7'; i++) {
                value = (value << 3) + line[at++] - '0';
              }
              c = (byte) value;
            }
            case 'x' -> {
              if (at < length && hex(line[at]) >= 0) {
                int value = hex(line[at++]);
                if (at < length && hex(line[at]) >= 0) {
                  value = (value << 4) + hex(line[at++]);
                }
                c = (byte) value;
              }
            }
            case 'b' -> c = '\b';
            case 'f' -> c = '\f';
            case 'n' -> c = '\n';
            case 'r' -> c = '\r';
            case 't' -> c = '\t';
            case 'v' -> c = 0x0B;
            default -> { } // the byte itself
          }
        }
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[n++] = c;
      }
      if (end - start == nullBytes.length && Arrays.equals(line, start, end, nullBytes, 0, nullBytes.length)) {
        fields.add(null);
      } else {
        String value = decode(escaped ? out : line, escaped ? 0 : start, n);
        if (value == null) {
          return null;
        }
        fields.add(value);
      }
      if (!foundDelimiter) {
        return fields.toArray(String[]::new);
      }
    }
  }

  /** The field's text, or null (with {@link #problem}) for a zero byte or an invalid sequence. */
  private String decode(byte[] bytes, int offset, int length) {
    boolean ascii = true;
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == 0) {
        problem = "invalid byte sequence for encoding \"UTF8\": 0x00 (a text value cannot hold a zero byte)";
        return null;
      }
      ascii &= bytes[i] >= 0;
    }
    if (ascii) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      problem = "invalid UTF-8";
      return null;
    }
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    } else if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    } else if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
