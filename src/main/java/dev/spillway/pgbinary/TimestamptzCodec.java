package dev.spillway.pgbinary;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * {@code timestamptz}: values are {@link Instant} at microsecond precision ({@link Instant#MAX}/
 * {@link Instant#MIN} are {@code infinity}/{@code -infinity}); payload is int64 microseconds since
 * 2000-01-01 00:00 UTC, with {@code Long.MAX_VALUE}/{@code MIN_VALUE} for the infinities; the same
 * range check as {@code timestamp}, applied to the UTC value.
 *
 * <p>Input per {@link DateTimeText}; an input with a zone name is local time in that zone, one
 * without an offset or name local time in this codec's
 * {@code inputZone} (the role of the session {@code TimeZone}; UTC by default). Output is in
 * {@code outputZone}, with its offset ({@code 2024-01-02 03:04:05+00} in UTC). Local times that a
 * daylight-saving change makes ambiguous take the later instant (standard time) and those it skips
 * are moved forward by the gap, as the server does. Zone rules come from the JDK's tz database,
 * the server's from its own; they agree where both databases do.
 */
final class TimestamptzCodec implements Codec {
  private static final TimestampPayload<Instant> PAYLOAD = new TimestampPayload<>(
      "timestamptz", Instant.MAX, Instant.MIN, PgTime::instantOf, PgTime::micros);
  private final ColumnType type;
  /** Zone of input without an offset; plays the session TimeZone's role. */
  private final ZoneId inputZone;
  /** Zone output is rendered in. */
  private final ZoneId outputZone;

  TimestamptzCodec(ColumnType type, ZoneId inputZone, ZoneId outputZone) {
    this.type = type;
    this.inputZone = inputZone.normalized(); // UTC, Etc/GMT-3: a fixed offset, the fast path below
    this.outputZone = outputZone;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public Object parse(String text) {
    DateTimeText.Parsed p = DateTimeText.parseDateTime(text, "timestamp with time zone");
    switch (p.special()) {
      case INFINITY:
        return Instant.MAX;
      case NEGATIVE_INFINITY:
        return Instant.MIN;
      case EPOCH:
        return Instant.EPOCH;
      default:
        long local = PgTime.localMicros(p.date(), p.timeMicros());
        ZoneId zone = p.zone() == null ? inputZone : p.zone();
        long utc = zone instanceof ZoneOffset offset
            ? local - offset.getTotalSeconds() * PgTime.MICROS_PER_SECOND
            : PgTime.micros(ZonedDateTime.ofLocal(PgTime.localDateTimeOf(local), zone, null).withLaterOffsetAtOverlap().toInstant());
        return PAYLOAD.ofValidMicros(utc);
    }
  }

  @Override
  public void encode(Object value, ByteSink out) {
    PAYLOAD.encode(Values.as(Instant.class, value, type), out);
  }

  @Override
  public Object decode(byte[] buf, int offset, int length) {
    return PAYLOAD.decode(buf, offset, length);
  }

  @Override
  public String format(Object value) {
    Instant t = Values.as(Instant.class, value, type);
    String infinity = PAYLOAD.infinityText(t);
    if (infinity != null) {
      return infinity;
    }
    int offsetSeconds = outputZone.getRules().getOffset(t).getTotalSeconds();
    LocalDateTime local = PgTime.localDateTimeOf(PgTime.micros(t) + offsetSeconds * PgTime.MICROS_PER_SECOND);
    StringBuilder out = new StringBuilder(40);
    boolean bc = DateTimeFormat.appendDate(out, local.toLocalDate());
    DateTimeFormat.appendTime(out.append(' '), local.toLocalTime().toNanoOfDay() / 1000);
    DateTimeFormat.appendOffset(out, offsetSeconds);
    return bc ? out.append(" BC").toString() : out.toString();
  }
}
