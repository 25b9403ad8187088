package dev.spillway.pgbinary;

import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The int64 payload shared by {@code timestamp} and {@code timestamptz}: microseconds since
 * 2000-01-01 00:00 (UTC for timestamptz), with {@code Long.MAX_VALUE}/{@code Long.MIN_VALUE} for
 * {@code infinity}/{@code -infinity}. Finite values must satisfy {@link PgTime#isValidTimestamp},
 * else {@code timestamp out of range}. {@code T} is the java.time class of the values, whose
 * {@code MAX}/{@code MIN} constants stand for the infinities. Immutable and thread-safe.
 *
 * @param <T> value class ({@code LocalDateTime} or {@code Instant})
 */
final class TimestampPayload<T> {
  /** Name used in payload-length errors: {@code timestamp} or {@code timestamptz}. */
  private final String typeName;
  /** The value standing for {@code infinity}; compared with {@code equals}. */
  private final T infinity;
  /** The value standing for {@code -infinity}; compared with {@code equals}. */
  private final T negativeInfinity;
  /** Finite microseconds since 2000 to a value. */
  private final LongFunction<T> ofMicros;
  /** Finite value to microseconds since 2000. */
  private final ToLongFunction<T> toMicros;

  TimestampPayload(String typeName, T infinity, T negativeInfinity, LongFunction<T> ofMicros,
      ToLongFunction<T> toMicros) {
    this.typeName = typeName;
    this.infinity = infinity;
    this.negativeInfinity = negativeInfinity;
    this.ofMicros = ofMicros;
    this.toMicros = toMicros;
  }

  /** The value of finite {@code micros}; throws {@code timestamp out of range} outside the range. */
  T ofValidMicros(long micros) {
    if (!PgTime.isValidTimestamp(micros)) {
      throw new InvalidValueException("timestamp out of range");
    }
    return ofMicros.apply(micros);
  }

  /** Writes the 8-byte payload of {@code t}, the sentinels for the infinities. */
  void encode(T t, ByteSink out) {
    if (t.equals(infinity)) {
      out.writeLong(Long.MAX_VALUE);
    } else if (t.equals(negativeInfinity)) {
      out.writeLong(Long.MIN_VALUE);
    } else {
      out.writeLong(toMicros.applyAsLong(t));
    }
  }

  /** Reads an 8-byte payload: the sentinels as the infinities, anything else range-checked. */
  T decode(byte[] buf, int offset, int length) {
    Payload.checkSlice(buf, offset, length);
    Payload.expectLength(typeName, 8, length);
    long micros = Payload.readLong(buf, offset);
    if (micros == Long.MAX_VALUE) {
      return infinity;
    }
    if (micros == Long.MIN_VALUE) {
      return negativeInfinity;
    }
    return ofValidMicros(micros);
  }

  /** {@code infinity}/{@code -infinity} for the infinities, {@code null} for a finite value. */
  String infinityText(T t) {
    if (t.equals(infinity)) {
      return "infinity";
    }
    if (t.equals(negativeInfinity)) {
      return "-infinity";
    }
    return null;
  }
}
