package dev.spillway.pgbinary;

import java.util.UUID;

/**
 * {@code uuid}: values are {@link UUID}; payload is the 16 bytes, most significant first.
 *
 * <p>Input as the server's {@code string_to_uuid}: 32 hex digits in either case, optionally in
 * braces, with an optional hyphen after any group of four digits (so the standard 8-4-4-4-12
 * form, plain 32 digits, or {@code a0eebc99-9c0b4ef8-...}); no white space. Output is the lower
 * case 8-4-4-4-12 form.
 */
final class UuidCodec implements Codec {
  private final ColumnType type;

  UuidCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    int i = 0;
    int n = text.length();
    boolean braces = n > 0 && text.charAt(0) == '{';
    if (braces) {
      i++;
    }
    long high = 0;
    long low = 0;
    for (int b = 0; b < 16; b++) {
      if (i + 2 > n) {
        throw syntax();
      }
      int v = (hex(text.charAt(i)) << 4) | hex(text.charAt(i + 1));
      i += 2;
      if (b < 8) {
        high = (high << 8) | v;
      } else {
        low = (low << 8) | v;
      }
      if (i < n && text.charAt(i) == '-' && b % 2 == 1 && b < 15) {
        i++;
      }
    }
    if (braces) {
      if (i >= n || text.charAt(i) != '}') {
        throw syntax();
      }
      i++;
    }
    if (i != n) {
      throw syntax();
    }
    return new UUID(high, low);
  }

  private static int hex(char c) {
    int value = PgText.hexDigit(c);
    if (value >= 0) {
      return value;
    }
    throw syntax();
  }

  private static InvalidValueException syntax() {
    return new InvalidValueException("invalid input syntax for type uuid");
  }

  @Override
  public void encode(Object value, ByteSink out) {
    UUID u = Values.as(UUID.class, value, type);
    out.writeLong(u.getMostSignificantBits()).writeLong(u.getLeastSignificantBits());
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("uuid", 16, length);
    return new UUID(Payload.readLong(buf, offset), Payload.readLong(buf, offset + 8));
  }

  @Override
  public String format(Object value) {
    return Values.as(UUID.class, value, type).toString();
  }
}
