package dev.spillway.pgbinary;

/**
 * {@code real} (float4): values are {@link Float}; payload is the 4-byte IEEE 754 bit pattern,
 * big-endian, as is (like the server's {@code float4send}). Text rules in {@link FloatText}.
 */
final class RealCodec implements Codec {
  private final ColumnType type;

  RealCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return FloatText.parseFloat(text);
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.writeInt(Float.floatToRawIntBits(Values.as(Float.class, value, type)));
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("real", 4, length);
    return Float.intBitsToFloat(Payload.readInt(buf, offset));
  }

  @Override
  public String format(Object value) {
    return FloatText.formatFloat(Values.as(Float.class, value, type));
  }

  /** {@code -0} is {@code 0} and every NaN is {@code NaN}, as the server's float comparison has it. */
  @Override
  public String keyText(Object value) {
    float v = Values.as(Float.class, value, type);
    return v == 0 ? "0" : FloatText.formatFloat(v);
  }
}
