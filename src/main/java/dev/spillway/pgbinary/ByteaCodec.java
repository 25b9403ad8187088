package dev.spillway.pgbinary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code bytea}: values are {@code byte[]}; payload is the bytes themselves.
 *
 * <p>Input as the server's {@code byteain}: hex format {@code \x0aFF} (pairs of hex digits, white
 * space allowed between pairs), otherwise escape format, where {@code \\} is a backslash,
 * {@code \ooo} an octal byte (first digit 0-3), and any other character stands for its UTF-8
 * bytes. Output is hex format, lower case ({@code bytea_output = hex}).
 */
final class ByteaCodec implements Codec {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final ColumnType type;

  ByteaCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return text.startsWith("\\x") ? parseHex(text) : parseEscape(text);
  }

  private static byte[] parseHex(String text) {
    byte[] out = new byte[(text.length() - 2) / 2];
    int size = 0;
    for (int i = 2, n = text.length(); i < n; ) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        i++;
        continue;
      }
      int high = hexValue(c);
      if (++i >= n) {
        throw new InvalidValueException("invalid hexadecimal data: odd number of digits");
      }
      int low = hexValue(text.charAt(i++));
      out[size++] = (byte) ((high << 4) | low);
    }
    return size == out.length ? out : Arrays.copyOf(out, size);
  }

  private static int hexValue(char c) {
    int value = PgText.hexDigit(c);
    if (value >= 0) {
      return value;
    }
    throw new InvalidValueException("invalid hexadecimal digit: \"" + c + "\"");
  }

  private static byte[] parseEscape(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int n = text.length();
    int plainFrom = 0;
    for (int i = 0; i < n; ) {
      if (text.charAt(i) != '\\') {
        i++;
        continue;
      }
      out.writeBytes(text.substring(plainFrom, i).getBytes(StandardCharsets.UTF_8));
      if (i + 3 < n && isOctal(text.charAt(i + 1), '3') && isOctal(text.charAt(i + 2), '7')
          && isOctal(text.charAt(i + 3), '7')) {
        out.write(((text.charAt(i + 1) - '0') << 6) | ((text.charAt(i + 2) - '0') << 3) | (text.charAt(i + 3) - '0'));
        i += 4;
      } else if (i + 1 < n && text.charAt(i + 1) == '\\') {
        out.write('\\');
        i += 2;
      } else {
        throw new InvalidValueException("invalid input syntax for type bytea");
      }
      plainFrom = i;
    }
    out.writeBytes(text.substring(plainFrom).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static boolean isOctal(char c, char max) {
    return c >= '0' && c <= max;
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.write(Values.as(byte[].class, value, type));
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    return Arrays.copyOfRange(buf, offset, offset + length);
  }

  @Override
  public String format(Object value) {
    byte[] bytes = Values.as(byte[].class, value, type);
    char[] out = new char[2 + 2 * bytes.length];
    out[0] = '\\';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      out[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
      out[3 + 2 * i] = HEX[bytes[i] & 0xF];
    }
    return new String(out);
  }
}
