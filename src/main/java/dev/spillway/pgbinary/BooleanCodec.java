package dev.spillway.pgbinary;

import java.util.Locale;

/**
 * {@code boolean}: values are {@link Boolean}; payload is one byte, 1 or 0.
 *
 * <p>Input as Postgres's {@code boolin}: trimmed, case-insensitive, any unambiguous prefix of
 * {@code true/false/yes/no}, {@code on}/{@code off} (at least two letters), {@code 1}/{@code 0}.
 * Output is {@code t}/{@code f} (the type's output function; {@code ::text} would say {@code true}).
 * A payload byte other than 0 decodes as true, as the server's {@code boolrecv} does.
 */
final class BooleanCodec implements Codec {
  private final ColumnType type;

  BooleanCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    String s = PgText.trim(text).toLowerCase(Locale.ROOT);
    if (!s.isEmpty()) {
      if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("1")) {
        return Boolean.TRUE;
      }
      if ("false".startsWith(s) || "no".startsWith(s) || s.equals("0")) {
        return Boolean.FALSE;
      }
      if (s.length() >= 2 && "on".startsWith(s)) {
        return Boolean.TRUE;
      }
      if (s.length() >= 2 && "off".startsWith(s)) {
        return Boolean.FALSE;
      }
    }
    throw new InvalidValueException("invalid input syntax for type boolean");
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.writeByte(Values.as(Boolean.class, value, type) ? 1 : 0);
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("boolean", 1, length);
    return buf[offset] != 0;
  }

  @Override
  public String format(Object value) {
    return Values.as(Boolean.class, value, type) ? "t" : "f";
  }
}
