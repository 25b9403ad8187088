package dev.spillway.pgbinary;

/**
 * {@code char(n)} (bpchar): values are {@link String} stored blank-padded to exactly {@code n}
 * characters, as the server stores them; payload is the padded UTF-8 bytes. A longer input is an
 * error ({@code value too long for type character(n)}) unless the excess characters are all
 * spaces, which are cut ({@code bpchar_input}). Output keeps the padding (the type's output
 * function; {@code ::text} would strip trailing spaces). Decoding applies the typmod again, as
 * {@code bpcharrecv} does.
 */
final class CharCodec extends StringValueCodec {
  CharCodec(ColumnType type) {
    super(type);
  }

  @Override
  public Object parse(String text) {
    PgText.checkText(text);
    return fit(text);
  }

  private String fit(String s) {
    if (type().length() < 1) {
      return s;
    }
    String clipped = CharLength.clip(s, type().length(), "character");
    int missing = type().length() - PgText.charCount(clipped);
    return missing == 0 ? clipped : clipped + " ".repeat(missing);
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    return fit(PgText.decodeUtf8(buf, offset, length));
  }
}
