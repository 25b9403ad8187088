package dev.spillway.pgbinary;

import java.time.LocalTime;

/**
 * {@code time} (without time zone): values are {@link LocalTime} at microsecond precision, with
 * {@link LocalTime#MAX} standing for 24:00:00 (as pgjdbc does); payload is int64 microseconds
 * since midnight, 0 to 86400000000 inclusive, else {@code time out of range}. Input per
 * {@link DateTimeText}: {@code HH:MM[:SS[.frac]]}, optionally after a date and before a zone,
 * both ignored; {@code allballs} is midnight.
 */
final class TimeCodec implements Codec {
  private final ColumnType type;

  TimeCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    return timeOf(DateTimeText.parseTimeMicros(text));
  }

  private static LocalTime timeOf(long micros) {
    return micros == PgTime.MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
  }

  private static long micros(LocalTime t) {
    return t.equals(LocalTime.MAX) ? PgTime.MICROS_PER_DAY : t.toNanoOfDay() / 1000;
  }

  @Override
  public void encode(Object value, ByteSink out) {
    out.writeLong(micros(Values.as(LocalTime.class, value, type)));
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength("time", 8, length);
    long micros = Payload.readLong(buf, offset);
    if (micros < 0 || micros > PgTime.MICROS_PER_DAY) {
      throw new InvalidValueException("time out of range");
    }
    return timeOf(micros);
  }

  @Override
  public String format(Object value) {
    StringBuilder out = new StringBuilder(15);
    DateTimeFormat.appendTime(out, micros(Values.as(LocalTime.class, value, type)));
    return out.toString();
  }
}
