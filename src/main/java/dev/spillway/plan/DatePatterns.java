package dev.spillway.plan;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The java.time formatter of a {@code to_date}/{@code to_timestamp} pattern: strict (31/02 is an
 * error, not 28/02 or 03/03), with {@code yyyy} meaning the year (era AD unless the pattern
 * reads one), English month and day names.
 */
final class DatePatterns {
  private DatePatterns() {}

  /** Throws IllegalArgumentException with the reason when the pattern is invalid. */
  static DateTimeFormatter formatter(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .parseDefaulting(ChronoField.ERA, 1)
        .toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
  }
}
