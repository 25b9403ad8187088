package dev.spillway.pgbinary;

import java.util.Map;

/**
 * {@code interval} text input and output as Postgres 15 with {@code IntervalStyle = postgres}.
 *
 * <p>Input, Postgres style: fields such as {@code 1 year 2 mons -3 days 04:05:06.5}, optional
 * {@code @} and {@code ago}, units spelled as the server accepts them (y, yr, year(s), mon(s),
 * month(s), w, week(s), d, day(s), h, hr, hour(s), m, min(s), minute(s), s, sec(s), second(s),
 * ms, millisecond(s), us, microsecond(s), decade(s), century, millennium...), fractional values
 * spilling into smaller fields the way the server does (a month is 30 days, a day 24 hours), a
 * bare number as seconds, a number before a time as days, {@code Y-M} as years and months.
 * Fields are read right to left as the server's {@code DecodeInterval} does, so the same odd
 * inputs are accepted and refused. If that fails with a syntax error, ISO 8601 is tried:
 * designators ({@code P1Y2M3W4DT5H6M7.5S}) or the alternative format ({@code P0001-02-03T04:05:06}).
 *
 * <p>Output: {@code 1 year 2 mons 3 days 04:05:06.5}; a field is omitted when zero, a positive
 * field after a negative one carries {@code +}, the time part appears when non-zero or when all
 * fields are zero.
 */
final class IntervalText {
  private static final long MICROS_PER_MINUTE = 60_000_000L;
  private static final long MICROS_PER_HOUR = 3_600_000_000L;
  private static final int DAYS_PER_MONTH = 30;

  /** Units and the mask bit each occupies (a unit may appear once). */
  enum Unit { MICROSECOND, MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR, DECADE, CENTURY, MILLENNIUM, AGO }

  private static final Map<String, Unit> UNITS = Map.ofEntries(
      Map.entry("ago", Unit.AGO),
      Map.entry("c", Unit.CENTURY), Map.entry("cent", Unit.CENTURY), Map.entry("centuries", Unit.CENTURY),
      Map.entry("century", Unit.CENTURY),
      Map.entry("d", Unit.DAY), Map.entry("day", Unit.DAY), Map.entry("days", Unit.DAY),
      Map.entry("dec", Unit.DECADE), Map.entry("decade", Unit.DECADE), Map.entry("decades", Unit.DECADE),
      Map.entry("decs", Unit.DECADE),
      Map.entry("h", Unit.HOUR), Map.entry("hour", Unit.HOUR), Map.entry("hours", Unit.HOUR), Map.entry("hr", Unit.HOUR),
      Map.entry("hrs", Unit.HOUR),
      Map.entry("m", Unit.MINUTE), Map.entry("min", Unit.MINUTE), Map.entry("mins", Unit.MINUTE),
      Map.entry("minute", Unit.MINUTE), Map.entry("minutes", Unit.MINUTE),
      Map.entry("microsecon", Unit.MICROSECOND), Map.entry("us", Unit.MICROSECOND), Map.entry("usec", Unit.MICROSECOND),
      Map.entry("usecs", Unit.MICROSECOND), Map.entry("useconds", Unit.MICROSECOND),
      Map.entry("mil", Unit.MILLENNIUM), Map.entry("millennia", Unit.MILLENNIUM), Map.entry("millennium", Unit.MILLENNIUM),
      Map.entry("mils", Unit.MILLENNIUM),
      Map.entry("millisecon", Unit.MILLISECOND), Map.entry("ms", Unit.MILLISECOND), Map.entry("msec", Unit.MILLISECOND),
      Map.entry("msecs", Unit.MILLISECOND), Map.entry("mseconds", Unit.MILLISECOND),
      Map.entry("mon", Unit.MONTH), Map.entry("mons", Unit.MONTH), Map.entry("month", Unit.MONTH),
      Map.entry("months", Unit.MONTH),
      Map.entry("s", Unit.SECOND), Map.entry("sec", Unit.SECOND), Map.entry("second", Unit.SECOND),
      Map.entry("seconds", Unit.SECOND), Map.entry("secs", Unit.SECOND),
      Map.entry("w", Unit.WEEK), Map.entry("week", Unit.WEEK), Map.entry("weeks", Unit.WEEK),
      Map.entry("y", Unit.YEAR), Map.entry("year", Unit.YEAR), Map.entry("years", Unit.YEAR), Map.entry("yr", Unit.YEAR),
      Map.entry("yrs", Unit.YEAR));

  private IntervalText() {}

  static PgInterval parse(String text) {
    PgInterval v = IntervalPostgresParser.parse(text);
    if (v == null) {
      v = IntervalIsoParser.parse(text);
    }
    if (v == null) {
      throw new InvalidValueException("invalid input syntax for type interval");
    }
    return v;
  }

  static Unit unit(String lowerWord) {
    // The server compares at most 10 characters of a unit word (TOKMAXLEN).
    return UNITS.get(lowerWord.length() > 10 ? lowerWord.substring(0, 10) : lowerWord);
  }

  /**
   * The interval's total span as {@code interval_cmp_value} computes it (months * 30 + days) days
   * plus micros, written as whole days and the non-negative microseconds of the last day: equal
   * exactly when the server's {@code =} says so. The days fit a long (|months * 30| < 2^36).
   */
  static String keyText(PgInterval v) {
    long days = (long) v.months() * DAYS_PER_MONTH + v.days() + Math.floorDiv(v.micros(), PgTime.MICROS_PER_DAY);
    return days + " days " + Math.floorMod(v.micros(), PgTime.MICROS_PER_DAY) + " us";
  }

  static String format(PgInterval v) {
    StringBuilder out = new StringBuilder(48);
    boolean[] zeroSoFar = {true};
    boolean[] negativeBefore = {false};
    addPart(out, v.months() / 12, "year", zeroSoFar, negativeBefore);
    addPart(out, v.months() % 12, "mon", zeroSoFar, negativeBefore);
    addPart(out, v.days(), "day", zeroSoFar, negativeBefore);
    long micros = v.micros();
    if (zeroSoFar[0] || micros != 0) {
      if (!zeroSoFar[0]) {
        out.append(' ');
      }
      out.append(micros < 0 ? "-" : negativeBefore[0] ? "+" : "");
      long abs = Math.abs(micros); // Long.MIN_VALUE is handled below as unsigned
      long hours = Long.divideUnsigned(abs, MICROS_PER_HOUR);
      long rest = Long.remainderUnsigned(abs, MICROS_PER_HOUR);
      DateTimeFormat.pad(out, hours, 2).append(':');
      DateTimeFormat.pad(out, rest / MICROS_PER_MINUTE, 2).append(':');
      DateTimeFormat.pad(out, rest % MICROS_PER_MINUTE / PgTime.MICROS_PER_SECOND, 2);
      DateTimeFormat.appendFraction(out, (int) (rest % PgTime.MICROS_PER_SECOND));
    }
    return out.toString();
  }

  /** The server's {@code AddPostgresIntPart}. */
  private static void addPart(StringBuilder out, int value, String unit, boolean[] zeroSoFar, boolean[] negativeBefore) {
    if (value == 0) {
      return;
    }
    if (!zeroSoFar[0]) {
      out.append(' ');
    }
    if (negativeBefore[0] && value > 0) {
      out.append('+');
    }
    out.append(value).append(' ').append(unit);
    if (value != 1) {
      out.append('s');
    }
    negativeBefore[0] = value < 0;
    zeroSoFar[0] = false;
  }

  /** Accumulates interval fields with the server's overflow rules (int32 years/months/days, int64 micros). */
  static final class Fields {
    private long years;
    private long months;
    private long days;
    private long micros;

    void addYears(long value, int scale) {
      years = int32(Math.addExact(years, Math.multiplyExact(int32(value), (long) scale)));
    }

    void addMonths(long value) {
      months = int32(Math.addExact(months, int32(value)));
    }

    void addDays(long value, int scale) {
      days = int32(Math.addExact(days, Math.multiplyExact(int32(value), (long) scale)));
    }

    void addMicros(long value, long scale) {
      micros = Math.addExact(micros, Math.multiplyExact(value, scale));
    }

    /** {@code AdjustFractMicroseconds}: truncate, then round the remainder (strictly above one half). */
    void addFractionMicros(double fraction, long scale) {
      if (fraction == 0) {
        return;
      }
      double f = fraction * scale;
      long whole = (long) f;
      f -= whole;
      if (f > 0.5) {
        whole++;
      } else if (f < -0.5) {
        whole--;
      }
      micros = Math.addExact(micros, whole);
    }

    /** {@code AdjustFractDays}. */
    void addFractionDays(double fraction, int scale) {
      if (fraction == 0) {
        return;
      }
      double f = fraction * scale;
      int extraDays = (int) f;
      days = int32(Math.addExact(days, (long) extraDays));
      addFractionMicros(f - extraDays, PgTime.MICROS_PER_DAY);
    }

    /** {@code AdjustFractYears}: rounded to whole months. */
    void addFractionYears(double fraction, int scale) {
      months = int32(Math.addExact(months, (long) (int) Math.rint(fraction * scale * 12)));
    }

    void setMicros(long value) {
      micros = value;
    }

    long micros() {
      return micros;
    }

    void negate() {
      years = int32(-years);
      months = int32(-months);
      days = int32(-days);
      micros = Math.negateExact(micros);
    }

    /** The value, or {@code interval out of range} when years * 12 + months leaves int32. */
    PgInterval toInterval() {
      long totalMonths = years * 12 + months;
      if (totalMonths > Integer.MAX_VALUE || totalMonths < Integer.MIN_VALUE) {
        throw new InvalidValueException("interval out of range");
      }
      return new PgInterval((int) totalMonths, (int) days, micros);
    }

    private static long int32(long v) {
      if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
        throw new ArithmeticException("int32 overflow: " + v);
      }
      return v;
    }
  }

  static InvalidValueException fieldOverflow(Throwable cause) {
    return new InvalidValueException("interval field value out of range", cause);
  }
}
