package dev.spillway.pgbinary;

/**
 * {@code json}: values are {@link String}, kept exactly as written (white space, key order and
 * duplicate keys included, as the server keeps them); payload is the UTF-8 text. Input must be
 * valid JSON ({@link JsonParser}) without NUL characters.
 */
final class JsonCodec extends StringValueCodec {
  private static final JsonParser.Handler IGNORE = new JsonParser.Handler() {
    @Override public void startObject() {}

    @Override public void endObject() {}

    @Override public void startArray() {}

    @Override public void endArray() {}

    @Override public void key(String name) {}

    @Override public void string(String value) {}

    @Override public void number(String token) {}

    @Override public void literal(String word) {}
  };

  JsonCodec(ColumnType type) {
    super(type);
  }

  @Override
  public Object parse(String text) {
    PgText.checkText(text);
    JsonParser.parse(text, false, IGNORE);
    return text;
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    return parse(PgText.decodeUtf8(buf, offset, length));
  }
}
