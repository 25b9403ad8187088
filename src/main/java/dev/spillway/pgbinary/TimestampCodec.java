package dev.spillway.pgbinary;

import java.time.LocalDateTime;

/**
 * {@code timestamp} (without time zone): values are {@link LocalDateTime} at microsecond precision
 * ({@link LocalDateTime#MAX}/{@link LocalDateTime#MIN} are {@code infinity}/{@code -infinity});
 * payload is int64 microseconds since 2000-01-01 00:00, with {@code Long.MAX_VALUE}/{@code MIN_VALUE}
 * for the infinities. Valid range 4714-11-24 00:00 BC up to 294276-12-31 23:59:59.999999, else
 * {@code timestamp out of range}. Input per {@link DateTimeText}; a zone offset in the input is
 * ignored, as the server ignores it for this type.
 */
final class TimestampCodec implements Codec {
  private static final TimestampPayload<LocalDateTime> PAYLOAD = new TimestampPayload<>(
      "timestamp", LocalDateTime.MAX, LocalDateTime.MIN, PgTime::localDateTimeOf, PgTime::micros);
  private final ColumnType type;

  TimestampCodec(ColumnType type) {
    this.type = type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    DateTimeText.Parsed p = DateTimeText.parseDateTime(text, "timestamp");
    switch (p.special()) {
      case INFINITY:
        return LocalDateTime.MAX;
      case NEGATIVE_INFINITY:
        return LocalDateTime.MIN;
      case EPOCH:
        return LocalDateTime.of(1970, 1, 1, 0, 0);
      default:
        return PAYLOAD.ofValidMicros(PgTime.localMicros(p.date(), p.timeMicros()));
    }
  }

  @Override
  public void encode(Object value, ByteSink out) {
    PAYLOAD.encode(Values.as(LocalDateTime.class, value, type), out);
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    return PAYLOAD.decode(buf, offset, length);
  }

  @Override
  public String format(Object value) {
    LocalDateTime t = Values.as(LocalDateTime.class, value, type);
    String infinity = PAYLOAD.infinityText(t);
    if (infinity != null) {
      return infinity;
    }
    StringBuilder out = new StringBuilder(32);
    boolean bc = DateTimeFormat.appendDate(out, t.toLocalDate());
    DateTimeFormat.appendTime(out.append(' '), t.toLocalTime().toNanoOfDay() / 1000);
    return bc ? out.append(" BC").toString() : out.toString();
  }
}
