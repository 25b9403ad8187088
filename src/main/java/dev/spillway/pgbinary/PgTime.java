package dev.spillway.pgbinary;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Postgres's time scales and their mapping to {@code java.time}. Binary {@code date} is int32 days
 * since 2000-01-01; {@code timestamp}/{@code timestamptz} are int64 microseconds since
 * 2000-01-01 00:00 (UTC for timestamptz); {@code time} is int64 microseconds since midnight.
 * The calendar is proleptic Gregorian in both worlds; year {@code N BC} is ISO year {@code 1 - N}.
 *
 * <p>Infinities map to the {@code MAX}/{@code MIN} constants of the java.time class, and
 * {@code time} 24:00:00 to {@link LocalTime#MAX}, as pgjdbc does. Stateless.
 */
final class PgTime {
  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
  /** {@code LocalDate.toEpochDay()} of 2000-01-01. */
  static final long EPOCH_DAY_2000 = 10_957L;
  /** Unix seconds of 2000-01-01T00:00Z. */
  static final long UNIX_SECONDS_2000 = EPOCH_DAY_2000 * 86_400L;
  /** Julian day 0 (4714-11-24 BC): the first valid date and timestamp. */
  static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);
  static final LocalDate MAX_DATE = LocalDate.of(5_874_897, 12, 31);
  static final long MIN_DATE_DAYS = pgDays(MIN_DATE);
  static final long MAX_DATE_DAYS = pgDays(MAX_DATE);
  /** First valid timestamp, 4714-11-24 00:00:00 BC, in microseconds since 2000. */
  static final long MIN_TIMESTAMP = MIN_DATE_DAYS * MICROS_PER_DAY;
  /** First invalid timestamp, 294277-01-01 00:00:00. */
  static final long END_TIMESTAMP = pgDays(LocalDate.of(294_277, 1, 1)) * MICROS_PER_DAY;

  private PgTime() {}

  static long pgDays(LocalDate date) {
    return date.toEpochDay() - EPOCH_DAY_2000;
  }

  static LocalDate dateOf(long pgDays) {
    return LocalDate.ofEpochDay(pgDays + EPOCH_DAY_2000);
  }

  static long micros(LocalDateTime t) {
    return pgDays(t.toLocalDate()) * MICROS_PER_DAY + t.toLocalTime().toNanoOfDay() / 1000;
  }

  /**
   * Microseconds since 2000 of a date plus a time of day ({@code -1} = midnight); throws
   * {@code timestamp out of range} for dates far enough outside the range to overflow.
   */
  static long localMicros(LocalDate date, long timeMicros) {
    long days = pgDays(date);
    if (days < MIN_DATE_DAYS - 1 || days > END_TIMESTAMP / MICROS_PER_DAY + 1) {
      throw new InvalidValueException("timestamp out of range");
    }
    return days * MICROS_PER_DAY + Math.max(0, timeMicros);
  }

  static LocalDateTime localDateTimeOf(long micros) {
    long days = Math.floorDiv(micros, MICROS_PER_DAY);
    long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
    return LocalDateTime.of(dateOf(days), LocalTime.ofNanoOfDay(ofDay * 1000));
  }

  static long micros(Instant t) {
    return (t.getEpochSecond() - UNIX_SECONDS_2000) * MICROS_PER_SECOND + t.getNano() / 1000;
  }

  static Instant instantOf(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND) + UNIX_SECONDS_2000,
        Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
  }

  static boolean isValidTimestamp(long micros) {
    return micros >= MIN_TIMESTAMP && micros < END_TIMESTAMP;
  }

  static boolean isValidDate(long pgDays) {
    return pgDays >= MIN_DATE_DAYS && pgDays <= MAX_DATE_DAYS;
  }
}
