package dev.spillway.pgbinary;

/** {@code integer} (int4): values are {@link Integer}; payload is 4 bytes, big-endian two's complement. */
final class IntegerCodec implements Codec {
  private final ColumnType type;

  IntegerCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return (int) IntText.parse(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.writeInt(Values.as(Integer.class, value, type));
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("integer", 4, length);
    return Payload.readInt(buf, offset);
  }

  @Override
  public String format(Object value) {
    return Values.as(Integer.class, value, type).toString();
  }
}
