package dev.spillway.pgbinary;

/**
 * {@code text}: values are {@link String}; payload is the UTF-8 bytes. Input is taken verbatim
 * (no trimming); a NUL character is rejected ({@code NUL byte in text}), as Postgres cannot store
 * one. Decoding requires strict UTF-8, as the server's encoding check does.
 */
final class TextCodec extends StringValueCodec {
  TextCodec(ColumnType type) {
    super(type);
  }

  @Override
  public Object parse(String text) {
    PgText.checkText(text);
    return text;
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    return PgText.decodeUtf8(buf, offset, length);
  }
}
