package dev.spillway.pgbinary;

/**
 * {@code double precision} (float8): values are {@link Double}; payload is the 8-byte IEEE 754
 * bit pattern, big-endian, as is (so {@code -0} and {@code -NaN} keep their sign bit, like the
 * server's {@code float8send}). Text rules in {@link FloatText}.
 */
final class DoubleCodec implements Codec {
  private final ColumnType type;

  DoubleCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return FloatText.parseDouble(text);
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.writeLong(Double.doubleToRawLongBits(Values.as(Double.class, value, type)));
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("double precision", 8, length);
    return Double.longBitsToDouble(Payload.readLong(buf, offset));
  }

  @Override
  public String format(Object value) {
    return FloatText.formatDouble(Values.as(Double.class, value, type));
  }

  /** {@code -0} is {@code 0} and every NaN is {@code NaN}, as the server's float comparison has it. */
  @Override
  public String keyText(Object value) {
    double v = Values.as(Double.class, value, type);
    return v == 0 ? "0" : FloatText.formatDouble(v);
  }
}
