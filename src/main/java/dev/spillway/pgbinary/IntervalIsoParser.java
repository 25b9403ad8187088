package dev.spillway.pgbinary;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO 8601 "format with designators" interval input, as the server's
 * {@code DecodeISO8601Interval}: {@code P[nY][nM][nW][nD][T[nH][nM][nS]]}, upper-case, numbers may
 * be negative or fractional (fractions spill into smaller fields as in Postgres style input).
 * The alternative format ({@code P0001-02-03T04:05:06}) is not supported. Returns null on a syntax
 * error; throws {@code interval field value out of range} on overflow.
 */
final class IntervalIsoParser {
  private static final Pattern NUMBER = Pattern.compile("-?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final double MAX_MAGNITUDE = 1.0e15;

  private IntervalIsoParser() {}

  static PgInterval parse(String s) {
    if (s.length() < 2 || s.charAt(0) != 'P') {
      return null;
    }
    IntervalText.Fields fields = new IntervalText.Fields();
    boolean datePart = true;
    Matcher m = NUMBER.matcher(s);
    try {
      int i = 1;
      while (i < s.length()) {
        if (s.charAt(i) == 'T') {
          datePart = false;
          i++;
          continue;
        }
        m.region(i, s.length());
        if (!m.lookingAt() || m.end() >= s.length()) {
          return null;
        }
        double number = Double.parseDouble(m.group());
        if (Double.isNaN(number) || Math.abs(number) > MAX_MAGNITUDE) {
          throw IntervalText.fieldOverflow(null);
        }
        long whole = (long) number; // truncates toward zero
        double fraction = number - whole;
        char unit = s.charAt(m.end());
        i = m.end() + 1;
        if (!apply(fields, datePart, unit, whole, fraction)) {
          return null;
        }
      }
      return fields.toInterval();
    } catch (ArithmeticException e) {
      throw IntervalText.fieldOverflow(e);
    }
  }

  private static boolean apply(IntervalText.Fields fields, boolean datePart, char unit, long whole, double fraction) {
    if (datePart) {
      switch (unit) {
        case 'Y' -> {
          fields.addYears(whole, 1);
          fields.addFractionYears(fraction, 1);
        }
        case 'M' -> {
          fields.addMonths(whole);
          fields.addFractionDays(fraction, 30);
        }
        case 'W' -> {
          fields.addDays(whole, 7);
          fields.addFractionDays(fraction, 7);
        }
        case 'D' -> {
          fields.addDays(whole, 1);
          fields.addFractionMicros(fraction, PgTime.MICROS_PER_DAY);
        }
        default -> {
          return false;
        }
      }
      return true;
    }
    long scale = switch (unit) {
      case 'H' -> 3600 * PgTime.MICROS_PER_SECOND;
      case 'M' -> 60 * PgTime.MICROS_PER_SECOND;
      case 'S' -> PgTime.MICROS_PER_SECOND;
      default -> 0;
    };
    if (scale == 0) {
      return false;
    }
    fields.addMicros(whole, scale);
    fields.addFractionMicros(fraction, scale);
    return true;
  }
}
