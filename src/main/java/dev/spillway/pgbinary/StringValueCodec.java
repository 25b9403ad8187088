package dev.spillway.pgbinary;

/**
 * Base of the codecs whose values are {@link String}s sent as they are: the payload is the value's
 * UTF-8 bytes and the output is the value itself. Subclasses (one per type: {@code text},
 * {@code varchar}, {@code char}, {@code json}) supply the type's input rules in {@link #parse} and
 * {@link #decode}. Immutable and thread-safe.
 */
abstract class StringValueCodec implements Codec {
  private final ColumnType type;

  StringValueCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public final ColumnType type() {
    return type;
  }

  @Override
  public final void encode(Object value, ByteSink out) {
    out.writeUtf8(Values.as(String.class, value, type));
  }

  @Override
  public final String format(Object value) {
    return Values.as(String.class, value, type);
  }
}
