package dev.spillway.pgbinary;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the ISO-8601 style date/time input users feed Postgres, with the server's rules for the
 * parts it accepts:
 * <pre>
 *   date      YYYY-M-D (4 to 9 year digits) | YYYYMMDD
 *   time      H:M[:S[.fraction]]            (fraction rounded to microseconds like the server:
 *                                             rint(fraction * 1e6) in double arithmetic)
 *   zone      +hh | +hhmm | +hh:mm[:ss]     (also '-'; at most 15:59:59)
 *           | Z | UTC | GMT | a fixed abbreviation of PostgreSQL's Default set (PST, CET, ...)
 *           | an IANA zone name (Europe/Paris, Etc/GMT+2, Japan; any case)
 *   input     date [('T' | spaces) time [spaces] [zone]] [spaces ('BC' | 'AD')]
 *   specials  infinity, -infinity, epoch (and allballs for time), case-insensitive
 * </pre>
 * Field checks: month 1-12, day within month, year not 0, hour 0-24 (24 only as 24:00:00),
 * minute 0-59, second 0-60 (60 carries into the next minute), else
 * {@code date/time field value out of range}. As in the server, an abbreviation wins over a zone
 * of the same name ({@code CET} is +01:00 in summer too), and a named zone is resolved at the
 * local time given, gaps and overlaps as for the session zone. Everything else the server reads
 * (month names, {@code 01/02/2020}, AM/PM, Julian {@code J2451545}, {@code now}/{@code today},
 * POSIX zones such as {@code UTC+3}, dynamic abbreviations such as {@code MSK}) is refused with a
 * reason that says spillway does not read that form and how to convert it in the plan, never with
 * the server's plain syntax error, which would call the value wrong. Surrounding white space is
 * ignored.
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
   * @param zone       the zone given: a {@link ZoneOffset} for an offset or a fixed abbreviation, a
   *                   region for a zone name; null when absent
   */
  record Parsed(Special special, LocalDate date, long timeMicros, ZoneId zone) {}

  private static final String TIME_TYPE = "time without time zone";
  private static final String TIME = "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(\\.\\d*)?)?";
  /** An offset, or a word: letters first, then what zone names hold (never BC/AD, the era). */
  private static final String ZONE = "(?:\\s*([+-]\\d+(?::\\d+(?::\\d+)?)?"
      + "|(?!(?:BC|AD)(?![A-Za-z0-9/_+-]))[A-Za-z][A-Za-z0-9/_+-]*))?";
  private static final Pattern DATE_TIME = Pattern.compile(
      "(?:(\\d{4,9})-(\\d{1,2})-(\\d{1,2})|(\\d{4})(\\d{2})(\\d{2}))"
          + "(?:(?:T|\\s+)" + TIME + ZONE + ")?"
          + "(?:\\s+(BC|AD))?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TIME_ONLY = Pattern.compile(
      "(?:(?:(\\d{4,9})-(\\d{1,2})-(\\d{1,2})|(\\d{4})(\\d{2})(\\d{2}))(?:T|\\s+))?" + TIME + ZONE,
      Pattern.CASE_INSENSITIVE);
  private static final int MAX_ZONE_HOURS = 15;
  /** Words the server reads relative to the time of reading. */
  private static final Set<String> RELATIVE_WORDS = Set.of("now", "today", "tomorrow", "yesterday");

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
      throw unsupported(s, typeName);
    }
    boolean compact = m.group(1) == null;
    int year = field(m.group(compact ? 4 : 1));
    int month = field(m.group(compact ? 5 : 2));
    int day = field(m.group(compact ? 6 : 3));
    boolean bc = m.group(12) != null && m.group(12).equalsIgnoreCase("BC");
    LocalDate date = date(bc ? 1 - year : year, month, day, year);
    long time = m.group(7) == null ? -1 : time(m.group(7), m.group(8), m.group(9), m.group(10));
    return new Parsed(Special.NONE, date, time, zone(m.group(11), s, typeName, true));
  }

  /** Parses a time-of-day literal (a leading date and a trailing zone are validated, then ignored). */
  static long parseTimeMicros(String text) {
    String s = PgText.trim(text);
    if (special(s) == Special.ALLBALLS) {
      return 0;
    }
    Matcher m = TIME_ONLY.matcher(s);
    if (!m.matches()) {
      throw unsupported(s, TIME_TYPE);
    }
    boolean dated = m.group(1) != null || m.group(4) != null;
    if (dated) { // a date is validated, then ignored, as the server does
      boolean compact = m.group(1) == null;
      int year = field(m.group(compact ? 4 : 1));
      date(year, field(m.group(compact ? 5 : 2)), field(m.group(compact ? 6 : 3)), year);
    }
    zone(m.group(11), s, TIME_TYPE, dated); // likewise the zone
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

  /**
   * The zone a literal names, or null when it names none. A name needs a date before it
   * ({@code named}; the server takes one after a bare time only for zones that never changed
   * offset, which we do not tell apart).
   */
  private static ZoneId zone(String zone, String literal, String typeName, boolean hasDate) {
    if (zone == null) {
      return null;
    }
    char first = zone.charAt(0);
    if (first == '+' || first == '-') {
      return ZoneOffset.ofTotalSeconds(offset(zone));
    }
    Integer fixed = ZoneAbbreviations.fixedOffset(zone);
    if (fixed != null) {
      return ZoneOffset.ofTotalSeconds(fixed);
    }
    String dynamic = ZoneAbbreviations.dynamicZone(zone);
    if (dynamic != null) {
      throw new InvalidValueException("the abbreviation '" + zone + "' stands for " + dynamic + "'s offset at that date in"
          + " PostgreSQL, which spillway does not read: write the zone name (" + dynamic + ") or an offset");
    }
    boolean word = zone.chars().allMatch(Character::isLetter);
    ZoneId named = ZoneNames.lookup(zone).orElse(null);
    if (named != null && hasDate) {
      return named;
    }
    if (word || named != null) {
      throw unsupported(literal, typeName); // AM/PM, DST, a month name...; or a zone after a bare time
    }
    throw new InvalidValueException("time zone '" + zone + "' is not one spillway knows (it reads the IANA names of the"
        + " JDK's tz database; PostgreSQL also reads POSIX forms such as UTC+3 and may know newer names): write an IANA"
        + " name or an offset such as +02 or -03:30");
  }

  /** Offset east of UTC in seconds of {@code +hh}, {@code +hhmm}, {@code +hh:mm[:ss]}; the server's {@code DecodeTimezone} rules. */
  private static int offset(String zone) {
    char sign = zone.charAt(0);
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

  /**
   * The reason for a literal outside the forms above: spillway does not read it, the server may;
   * which forms it reads; how the plan converts others. Relative words get their own reason.
   */
  private static InvalidValueException unsupported(String literal, String typeName) {
    String word = literal.toLowerCase(Locale.ROOT);
    if (RELATIVE_WORDS.contains(word)) {
      return new InvalidValueException("'" + literal + "' depends on when the value is read, which a spill made before its"
          + " load cannot know: spillway does not read now, today, tomorrow or yesterday; write the " + typeName + " itself");
    }
    return new InvalidValueException("not a form of " + typeName + " that spillway reads (PostgreSQL may accept it): "
        + switch (typeName) {
          case "date" -> "spillway reads YYYY-MM-DD or YYYYMMDD (a time and zone after it are dropped), then BC;"
              + " infinity, -infinity, epoch. Convert other forms in the plan with {to_date: [$col, \"dd/MM/yyyy\"]}";
          case TIME_TYPE -> "spillway reads HH:MM[:SS[.ffffff]] (after a date and before a zone, both dropped), allballs."
              + " Convert other forms in the plan, e.g. 10:00 PM with"
              + " {to_timestamp: [{concat: [\"2000-01-01 \", $col]}, \"yyyy-MM-dd h:mm a\"]}";
          default -> "spillway reads YYYY-MM-DD or YYYYMMDD, then T or a space and HH:MM[:SS[.ffffff]], then a zone"
              + " (+hh, +hh:mm, +hhmm, Z, UTC, a name such as Europe/Paris or an abbreviation such as PST), then BC;"
              + " infinity, -infinity, epoch. Convert other forms in the plan with"
              + " {to_timestamp: [$col, \"MM/dd/yyyy HH:mm\"]}";
        });
  }

  private static InvalidValueException fieldOutOfRange() {
    return new InvalidValueException("date/time field value out of range");
  }

  private static InvalidValueException zoneOutOfRange() {
    return new InvalidValueException("time zone displacement out of range");
  }
}
