package dev.spillway.pgbinary;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the ISO-8601 style date/time input users feed Postgres, with the server's rules for the
 * parts it accepts:
 * <pre>
 *   date      YYYY-M-D (4 to 9 year digits) | YYYYMMDD
 *   time      H:M[:S[.fraction]]            (fraction rounded to microseconds like the server:
 *                                             rint(fraction * 1e6) in double arithmetic)
 *   zone      Z | UTC | GMT | +hh | +hhmm | +hh:mm[:ss]   (also '-'; at most 15:59:59)
 *   input     date [('T' | spaces) time [spaces] [zone]] [spaces ('BC' | 'AD')]
 *   specials  infinity, -infinity, epoch (and allballs for time), case-insensitive
 * </pre>
 * Field checks: month 1-12, day within month, year not 0, hour 0-24 (24 only as 24:00:00),
 * minute 0-59, second 0-60 (60 carries into the next minute), else
 * {@code date/time field value out of range}. Named time zones, month names, AM/PM and relative
 * words ({@code now}, {@code today}) are not accepted: they are ambiguous or not reproducible.
 * Surrounding white space is ignored.
 */
final class DateTimeText {
  /** What a special word stands for. */
  enum Special { NONE, INFINITY, NEGATIVE_INFINITY, EPOCH, ALLBALLS }

  /**
   * A parsed literal.
   *
   * @param special    a special word, or NONE for the fields below
   * @param date       the calendar date (ISO year), or null when absent
   * @param timeMicros microseconds since midnight, up to 24:00:00 plus rounding; -1 when absent
   * @param offsetSeconds the zone's offset east of UTC, or null when absent
   */
  record Parsed(Special special, LocalDate date, long timeMicros, Integer offsetSeconds) {}

  private static final String TIME = "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(\\.\\d*)?)?";
  private static final String ZONE = "(?:\\s*(Z|UTC|GMT|[+-]\\d+(?::\\d+(?::\\d+)?)?))?";
  private static final Pattern DATE_TIME = Pattern.compile(
      "(?:(\\d{4,9})-(\\d{1,2})-(\\d{1,2})|(\\d{4})(\\d{2})(\\d{2}))"
          + "(?:(?:T|\\s+)" + TIME + ZONE + ")?"
          + "(?:\\s+(BC|AD))?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TIME_ONLY = Pattern.compile(
      "(?:(?:(\\d{4,9})-(\\d{1,2})-(\\d{1,2})|(\\d{4})(\\d{2})(\\d{2}))(?:T|\\s+))?" + TIME + ZONE,
      Pattern.CASE_INSENSITIVE);
  private static final int MAX_ZONE_HOURS = 15;

  private DateTimeText() {}

  /** Parses a date or timestamp literal; {@code typeName} goes into syntax errors. */
  static Parsed parseDateTime(String text, String typeName) {
    String s = PgText.trim(text);
    Special special = special(s);
    if (special != Special.NONE && special != Special.ALLBALLS) {
      return new Parsed(special, null, -1, null);
    }
    Matcher m = DATE_TIME.matcher(s);
    if (!m.matches()) {
      throw syntax(typeName);
    }
    boolean compact = m.group(1) == null;
    int year = field(m.group(compact ? 4 : 1));
    int month = field(m.group(compact ? 5 : 2));
    int day = field(m.group(compact ? 6 : 3));
    boolean bc = m.group(12) != null && m.group(12).equalsIgnoreCase("BC");
    LocalDate date = date(bc ? 1 - year : year, month, day, year);
    long time = m.group(7) == null ? -1 : time(m.group(7), m.group(8), m.group(9), m.group(10));
    return new Parsed(Special.NONE, date, time, offset(m.group(11)));
  }

  /** Parses a time-of-day literal (a leading date and a trailing zone are validated, then ignored). */
  static long parseTimeMicros(String text) {
    String s = PgText.trim(text);
    if (special(s) == Special.ALLBALLS) {
      return 0;
    }
    Matcher m = TIME_ONLY.matcher(s);
    if (!m.matches()) {
      throw syntax("time without time zone");
    }
    if (m.group(1) != null || m.group(4) != null) { // a date is validated, then ignored, as the server does
      boolean compact = m.group(1) == null;
      int year = field(m.group(compact ? 4 : 1));
      date(year, field(m.group(compact ? 5 : 2)), field(m.group(compact ? 6 : 3)), year);
    }
    offset(m.group(11)); // likewise the zone
    return time(m.group(7), m.group(8), m.group(9), m.group(10));
  }

  private static Special special(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "infinity" -> Special.INFINITY;
      case "-infinity" -> Special.NEGATIVE_INFINITY;
      case "epoch" -> Special.EPOCH;
      case "allballs" -> Special.ALLBALLS;
      default -> Special.NONE;
    };
  }

  private static LocalDate date(int isoYear, int month, int day, int writtenYear) {
    if (writtenYear == 0) {
      throw fieldOutOfRange();
    }
    try {
      return LocalDate.of(isoYear, month, day);
    } catch (DateTimeException e) {
      throw new InvalidValueException("date/time field value out of range", e);
    }
  }

  private static long time(String h, String m, String s, String fraction) {
    int hour = field(h);
    int minute = field(m);
    int second = s == null ? 0 : field(s);
    long micros = fraction == null || fraction.length() == 1 ? 0
        : (long) Math.rint(Double.parseDouble("0" + fraction) * PgTime.MICROS_PER_SECOND);
    if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0 || micros > 0))) {
      throw fieldOutOfRange();
    }
    return ((hour * 60L + minute) * 60 + second) * PgTime.MICROS_PER_SECOND + micros;
  }

  /** Offset east of UTC in seconds, or null when absent; the server's {@code DecodeTimezone} rules. */
  private static Integer offset(String zone) {
    if (zone == null) {
      return null;
    }
    char sign = zone.charAt(0);
    if (sign != '+' && sign != '-') {
      return 0; // Z, UTC, GMT
    }
    String[] parts = zone.substring(1).split(":");
    for (String part : parts) {
      if (part.length() > 6) {
        throw zoneOutOfRange();
      }
    }
    int hours = Integer.parseInt(parts[0]);
    int minutes = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    int seconds = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
    if (parts.length == 1 && parts[0].length() > 2) { // run-together hhmm
      minutes = hours % 100;
      hours /= 100;
    }
    if (hours > MAX_ZONE_HOURS || minutes > 59 || seconds > 59) {
      throw zoneOutOfRange();
    }
    int total = (hours * 60 + minutes) * 60 + seconds;
    return sign == '-' ? -total : total;
  }

  private static int field(String digits) {
    return Integer.parseInt(digits); // at most 9 digits by the patterns
  }

  private static InvalidValueException syntax(String typeName) {
    return new InvalidValueException("invalid input syntax for type " + typeName);
  }

  private static InvalidValueException fieldOutOfRange() {
    return new InvalidValueException("date/time field value out of range");
  }

  private static InvalidValueException zoneOutOfRange() {
    return new InvalidValueException("time zone displacement out of range");
  }
}
