package dev.spillway.pgbinary;

/**
 * {@code jsonb}: values are {@link String} holding the server's canonical rendering (see
 * {@link JsonbText}), so that encoding gives the server's bytes; payload is a version byte
 * {@code 1} followed by that UTF-8 text ({@code jsonb_send}). Decoding accepts any valid JSON
 * after the version byte and canonicalises it, as {@code jsonb_recv} does.
 */
final class JsonbCodec implements Codec {
  private static final int VERSION = 1;

  private final ColumnType type;

  JsonbCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    PgText.checkText(text);
    return JsonbText.canonical(text);
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.writeByte(VERSION).writeUtf8(Values.as(String.class, value, type));
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    if (length < 1) {
      throw new InvalidValueException("invalid jsonb payload: empty, expected a version byte");
    }
    if (buf[offset] != VERSION) {
      throw new InvalidValueException("unsupported jsonb version number " + buf[offset]);
    }
    return parse(PgText.decodeUtf8(buf, offset + 1, length - 1));
  }

  @Override
  public String format(Object value) {
    return Values.as(String.class, value, type);
  }

  /**
   * Numbers inside without display scale ({@link JsonbText#keyText}): {@code [1.0]} and {@code [1]}
   * are one key. The value is canonical ({@link #parse}), so a text without a point and without a
   * run of more than {@link NumericText#MAX_PLAIN_KEY_ZEROS} zeros has every number in its key form
   * already (an integer prints as its key), and is not parsed a second time.
   */
  @Override
  public String keyText(Object value) {
    String canonical = Values.as(String.class, value, type);
    if (canonical.indexOf('.') < 0 && !canonical.contains(MANY_ZEROS)) {
      return canonical;
    }
    return JsonbText.keyText(canonical);
  }

  /** A run of zeros longer than a plain numeric key text adds (see {@link NumericText#keyText}). */
  private static final String MANY_ZEROS = "0".repeat(NumericText.MAX_PLAIN_KEY_ZEROS + 1);
}
