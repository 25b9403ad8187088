package dev.spillway.pgbinary;

/**
 * {@code varchar} and {@code varchar(n)}: values are {@link String}; payload is the UTF-8 bytes.
 * With a length, a longer value is an error ({@code value too long for type character varying(n)})
 * unless the excess characters are all spaces, which are cut, exactly as the server's
 * {@code varchar_input} (characters are code points). Decoding applies the same rule, as
 * {@code varchar_recv} does with the column's typmod.
 */
final class VarcharCodec extends StringValueCodec {
  VarcharCodec(ColumnType type) {
    super(type);
  }

  @Override
  public Object parse(String text) {
    PgText.checkText(text);
    return fit(text);
  }

  private String fit(String s) {
    return type().length() < 1 ? s : CharLength.clip(s, type().length(), "character varying");
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    return fit(PgText.decodeUtf8(buf, offset, length));
  }
}
