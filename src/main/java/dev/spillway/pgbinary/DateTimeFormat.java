package dev.spillway.pgbinary;

import java.time.LocalDate;

/**
 * Postgres's ISO output ({@code DateStyle = ISO}): {@code YYYY-MM-DD} with at least four year
 * digits, {@code HH:MM:SS} with up to six fraction digits and no trailing zeros, zone offsets as
 * {@code +hh}, {@code +hh:mm} or {@code +hh:mm:ss}, and {@code " BC"} last for years before 1.
 * Stateless.
 */
final class DateTimeFormat {
  private DateTimeFormat() {}

  /** Appends the date; returns whether " BC" must be appended after the whole value. */
  static boolean appendDate(StringBuilder out, LocalDate date) {
    int year = date.getYear();
    boolean bc = year <= 0;
    pad(out, bc ? 1 - year : year, 4).append('-');
    pad(out, date.getMonthValue(), 2).append('-');
    pad(out, date.getDayOfMonth(), 2);
    return bc;
  }

  /** Appends {@code HH:MM:SS[.ffffff]} for microseconds since midnight (24:00:00 allowed). */
  static void appendTime(StringBuilder out, long micros) {
    long seconds = micros / PgTime.MICROS_PER_SECOND;
    pad(out, (int) (seconds / 3600), 2).append(':');
    pad(out, (int) (seconds / 60 % 60), 2).append(':');
    pad(out, (int) (seconds % 60), 2);
    appendFraction(out, (int) (micros % PgTime.MICROS_PER_SECOND));
  }

  /** Appends {@code .ffffff} without trailing zeros, nothing when zero. */
  static void appendFraction(StringBuilder out, int micros) {
    if (micros == 0) {
      return;
    }
    String digits = Integer.toString(1_000_000 + micros).substring(1);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    out.append('.').append(digits, 0, end);
  }

  /** Appends an offset east of UTC the way the server's {@code EncodeTimezone} does. */
  static void appendOffset(StringBuilder out, int offsetSeconds) {
    int abs = Math.abs(offsetSeconds);
    out.append(offsetSeconds >= 0 ? '+' : '-');
    pad(out, abs / 3600, 2);
    if (abs % 60 != 0) {
      pad(out.append(':'), abs / 60 % 60, 2).append(':');
      pad(out, abs % 60, 2);
    } else if (abs / 60 % 60 != 0) {
      pad(out.append(':'), abs / 60 % 60, 2);
    }
  }

  static StringBuilder pad(StringBuilder out, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
