package dev.spillway.pgbinary;

/** {@code smallint} (int2): values are {@link Short}; payload is 2 bytes, big-endian two's complement. */
final class SmallintCodec implements Codec {
  private final ColumnType type;

  SmallintCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return (short) IntText.parse(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.writeShort(Values.as(Short.class, value, type));
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("smallint", 2, length);
    return (short) Payload.readShort(buf, offset);
  }

  @Override
  public String format(Object value) {
    return Values.as(Short.class, value, type).toString();
  }
}
