package dev.spillway.pgbinary;

/** {@code bigint} (int8): values are {@link Long}; payload is 8 bytes, big-endian two's complement. */
final class BigintCodec implements Codec {
  private final ColumnType type;

  BigintCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return IntText.parse(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.writeLong(Values.as(Long.class, value, type));
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("bigint", 8, length);
    return Payload.readLong(buf, offset);
  }

  @Override
  public String format(Object value) {
    return Values.as(Long.class, value, type).toString();
  }
}
