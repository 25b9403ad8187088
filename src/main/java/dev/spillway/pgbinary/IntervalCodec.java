package dev.spillway.pgbinary;

/**
 * {@code interval}: values are {@link PgInterval}; payload is int64 microseconds, int32 days,
 * int32 months (16 bytes, big-endian), as the server's {@code interval_send}. Text rules (Postgres
 * and ISO 8601 input, {@code IntervalStyle = postgres} output) in {@link IntervalText}.
 */
final class IntervalCodec implements Codec {
  private final ColumnType type;

  IntervalCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return IntervalText.parse(text);
  }

  @Override
  public void encode(Object value, ByteSink out) {
    PgInterval v = Values.as(PgInterval.class, value, type);
    out.writeLong(v.micros()).writeInt(v.days()).writeInt(v.months());
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("interval", 16, length);
    return new PgInterval(Payload.readInt(buf, offset + 12), Payload.readInt(buf, offset + 8), Payload.readLong(buf, offset));
  }

  @Override
  public String format(Object value) {
    return IntervalText.format(Values.as(PgInterval.class, value, type));
  }

  /**
   * The span the server's {@code interval_cmp_value} compares, a month as 30 days and a day as 24
   * hours: {@code 1 mon}, {@code 30 days} and {@code 720:00:00} are one key. Written as whole days
   * and the microseconds left ({@code 0 <= us < 1 day}), e.g. {@code 30 days 0 us}.
   */
  @Override
  public String keyText(Object value) {
    return IntervalText.keyText(Values.as(PgInterval.class, value, type));
  }
}
