package dev.spillway.pgbinary;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO 8601 interval input, a port of the server's {@code DecodeISO8601Interval}: upper-case
 * {@code P}, then either designators {@code [nY][nM][nW][nD][T[nH][nM][nS]]} (numbers may be
 * negative or fractional; fractions spill into smaller fields as in Postgres style input) or the
 * alternative format, basic ({@code P00010203T040506}) or extended ({@code P0001-02-03T04:05:06}).
 * Returns null on a syntax error; throws {@code interval field value out of range} on overflow.
 */
final class IntervalIsoParser {
  private static final Pattern NUMBER = Pattern.compile("-?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final double MAX_MAGNITUDE = 1.0e15;
  private static final long HOUR = 3600 * PgTime.MICROS_PER_SECOND;
  private static final long MINUTE = 60 * PgTime.MICROS_PER_SECOND;

  /** A number field: its integer part (truncated toward zero), fraction, and the index after it. */
  private record Num(long whole, double fraction, int end) {}

  /** The text being parsed and the accumulated fields. */
  private final String s;
  private final IntervalText.Fields fields = new IntervalText.Fields();

  private IntervalIsoParser(String s) {
    this.s = s;
  }

  static PgInterval parse(String s) {
    if (s.length() < 2 || s.charAt(0) != 'P') {
      return null;
    }
    try {
      IntervalIsoParser p = new IntervalIsoParser(s);
      return p.run() ? p.fields.toInterval() : null;
    } catch (ArithmeticException e) {
      throw IntervalText.fieldOverflow(e);
    }
  }

  /** True when the whole text is a valid interval (fields then hold it), false on a syntax error. */
  private boolean run() {
    boolean datePart = true;
    boolean haveField = false;
    int i = 1;
    while (i < s.length()) {
      if (s.charAt(i) == 'T') {
        datePart = false;
        haveField = false;
        i++;
        continue;
      }
      int fieldStart = i;
      Num num = number(i);
      if (num == null) {
        return false;
      }
      i = num.end();
      char unit = i < s.length() ? s.charAt(i++) : '\0';
      int next = datePart ? datePart(unit, num, fieldStart, haveField, i) : timePart(unit, num, fieldStart, haveField, i);
      if (next == SYNTAX_ERROR) {
        return false;
      }
      if (next == DONE) {
        return true;
      }
      if (next < 0) { // a 'T' ended an alternative-format date: the time part follows, fresh
        datePart = false;
        haveField = false;
        i = -next;
        continue;
      }
      haveField = true;
      i = next;
    }
    return true;
  }

  private static final int SYNTAX_ERROR = Integer.MIN_VALUE;
  private static final int DONE = Integer.MAX_VALUE;

  /**
   * One field before 'T'. Returns the next index, {@link #DONE}, {@link #SYNTAX_ERROR}, or minus the
   * index after a 'T' that switches to the time part.
   */
  private int datePart(char unit, Num num, int fieldStart, boolean haveField, int i) {
    switch (unit) {
      case 'Y' -> years(num);
      case 'M' -> {
        fields.addMonths(num.whole());
        fields.addFractionDays(num.fraction(), 30);
      }
      case 'W' -> {
        fields.addDays(num.whole(), 7);
        fields.addFractionDays(num.fraction(), 7);
      }
      case 'D' -> {
        fields.addDays(num.whole(), 1);
        fields.addFractionMicros(num.fraction(), PgTime.MICROS_PER_DAY);
      }
      case 'T', '\0', '-' -> {
        return alternativeDate(unit, num, fieldStart, haveField, i);
      }
      default -> {
        return SYNTAX_ERROR;
      }
    }
    return i;
  }

  /** Alternative format dates: basic YYYYMMDD, or extended Y[-M[-D]], each optionally followed by 'T'. */
  private int alternativeDate(char unit, Num num, int fieldStart, boolean haveField, int i) {
    if (unit != '-' && integerWidth(fieldStart) == 8 && !haveField) {
      long v = num.whole();
      fields.addYears(v / 10000, 1);
      fields.addMonths((v / 100) % 100);
      fields.addDays(v % 100, 1);
      fields.addFractionMicros(num.fraction(), PgTime.MICROS_PER_DAY);
      return unit == '\0' ? DONE : -i;
    }
    if (haveField) {
      return SYNTAX_ERROR;
    }
    years(num);
    if (unit != '-') {
      return unit == '\0' ? DONE : -i;
    }
    Num months = number(i);
    if (months == null) {
      return SYNTAX_ERROR;
    }
    fields.addMonths(months.whole());
    fields.addFractionDays(months.fraction(), 30);
    i = months.end();
    if (i == s.length()) {
      return DONE;
    }
    if (s.charAt(i) == 'T') {
      return -(i + 1);
    }
    if (s.charAt(i) != '-') {
      return SYNTAX_ERROR;
    }
    Num days = number(i + 1);
    if (days == null) {
      return SYNTAX_ERROR;
    }
    fields.addDays(days.whole(), 1);
    fields.addFractionMicros(days.fraction(), PgTime.MICROS_PER_DAY);
    i = days.end();
    if (i == s.length()) {
      return DONE;
    }
    return s.charAt(i) == 'T' ? -(i + 1) : SYNTAX_ERROR;
  }

  /** One field after 'T': H, M, S designators, or the alternative hhmmss / h[:m[:s]] forms. */
  private int timePart(char unit, Num num, int fieldStart, boolean haveField, int i) {
    switch (unit) {
      case 'H' -> micros(num, HOUR);
      case 'M' -> micros(num, MINUTE);
      case 'S' -> micros(num, PgTime.MICROS_PER_SECOND);
      case '\0', ':' -> {
        return alternativeTime(unit, num, fieldStart, haveField, i);
      }
      default -> {
        return SYNTAX_ERROR;
      }
    }
    return i;
  }

  private int alternativeTime(char unit, Num num, int fieldStart, boolean haveField, int i) {
    if (unit == '\0' && integerWidth(fieldStart) == 6 && !haveField) {
      long v = num.whole();
      fields.addMicros(v / 10000, HOUR);
      fields.addMicros((v / 100) % 100, MINUTE);
      fields.addMicros(v % 100, PgTime.MICROS_PER_SECOND);
      fields.addFractionMicros(num.fraction(), 1);
      return DONE;
    }
    if (haveField) {
      return SYNTAX_ERROR;
    }
    micros(num, HOUR);
    if (unit == '\0') {
      return DONE;
    }
    Num minutes = number(i);
    if (minutes == null) {
      return SYNTAX_ERROR;
    }
    micros(minutes, MINUTE);
    i = minutes.end();
    if (i == s.length()) {
      return DONE;
    }
    if (s.charAt(i) != ':') {
      return SYNTAX_ERROR;
    }
    Num seconds = number(i + 1);
    if (seconds == null) {
      return SYNTAX_ERROR;
    }
    micros(seconds, PgTime.MICROS_PER_SECOND);
    return seconds.end() == s.length() ? DONE : SYNTAX_ERROR;
  }

  private void years(Num num) {
    fields.addYears(num.whole(), 1);
    fields.addFractionYears(num.fraction(), 1);
  }

  private void micros(Num num, long scale) {
    fields.addMicros(num.whole(), scale);
    fields.addFractionMicros(num.fraction(), scale);
  }

  /** Digits at {@code at}, after an optional '-' ({@code ISO8601IntegerWidth}). */
  private int integerWidth(int at) {
    int i = at < s.length() && s.charAt(at) == '-' ? at + 1 : at;
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - start;
  }

  /** ParseISO8601Number: a strtod-style number at {@code i}, or null. */
  private Num number(int i) {
    Matcher m = NUMBER.matcher(s);
    m.region(i, s.length());
    if (!m.lookingAt()) {
      return null;
    }
    double value = Double.parseDouble(m.group());
    if (Math.abs(value) > MAX_MAGNITUDE) {
      throw IntervalText.fieldOverflow(null);
    }
    long whole = (long) value;
    return new Num(whole, value - whole, m.end());
  }
}
