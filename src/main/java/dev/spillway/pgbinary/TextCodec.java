package dev.spillway.pgbinary;

/**
 * {@code text}: values are {@link String}; payload is the UTF-8 bytes. Input is taken verbatim
 * (no trimming); a NUL character is rejected ({@code NUL byte in text}), as Postgres cannot store
 * one. Decoding requires strict UTF-8, as the server's encoding check does.
 */
final class TextCodec implements Codec {
  private final ColumnType type;

  TextCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    PgText.checkText(text);
    return text;
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.writeUtf8(Values.as(String.class, value, type));
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    return PgText.decodeUtf8(buf, offset, length);
  }

  @Override
  public String format(Object value) {
    return Values.as(String.class, value, type);
  }
}
