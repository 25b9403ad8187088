package dev.spillway.pgbinary;

import java.util.EnumSet;
import java.util.List;

/**
 * Postgres-style interval input: a port of the server's {@code DecodeInterval} (Postgres 15,
 * {@code IntervalStyle = postgres}) over the fields {@link IntervalLexer} splits off. Returns null
 * on a syntax error (so the caller can try ISO 8601), and throws
 * {@code interval field value out of range} on overflow.
 */
final class IntervalPostgresParser {
  private IntervalPostgresParser() {}

  static PgInterval parse(String text) {
    List<IntervalLexer.Token> tokens = IntervalLexer.lex(text);
    if (tokens == null) {
      return null;
    }
    IntervalText.Fields fields = new IntervalText.Fields();
    try {
      return decode(tokens, fields) ? fields.toInterval() : null;
    } catch (ArithmeticException e) {
      throw IntervalText.fieldOverflow(e);
    }
  }

  /** {@code DecodeInterval}: fields right to left; a unit word sets the unit of the number before it. */
  private static boolean decode(List<IntervalLexer.Token> tokens, IntervalText.Fields fields) {
    IntervalText.Unit type = null;
    boolean ago = false;
    EnumSet<IntervalText.Unit> seen = EnumSet.noneOf(IntervalText.Unit.class);
    boolean any = false;
    for (int i = tokens.size() - 1; i >= 0; i--) {
      IntervalLexer.Token t = tokens.get(i);
      String f = t.text();
      switch (t.kind()) {
        case TIME, SIGNED -> {
          if (t.kind() == IntervalLexer.Kind.TIME || f.indexOf(':') > 0) {
            boolean negative = f.charAt(0) == '-';
            Long micros = t.kind() == IntervalLexer.Kind.TIME ? time(f) : signedTime(f.substring(1));
            if (micros != null) {
              if (!claim(seen, EnumSet.of(IntervalText.Unit.HOUR, IntervalText.Unit.MINUTE, IntervalText.Unit.SECOND,
                  IntervalText.Unit.MILLISECOND, IntervalText.Unit.MICROSECOND))) {
                return false;
              }
              fields.setMicros(negative ? Math.negateExact(micros) : micros);
              type = IntervalText.Unit.DAY;
              any = true;
              continue;
            }
            if (t.kind() == IntervalLexer.Kind.TIME) {
              return false;
            }
          }
          type = number(t, type, fields, seen);
          if (type == null) {
            return false;
          }
          any = true;
        }
        case NUMBER, DATE -> {
          type = number(t, type, fields, seen);
          if (type == null) {
            return false;
          }
          any = true;
        }
        case WORD -> {
          IntervalText.Unit unit = IntervalText.unit(f);
          if (unit == null) {
            return false;
          }
          if (unit == IntervalText.Unit.AGO) {
            ago = true;
          }
          type = unit;
        }
      }
    }
    if (!any) {
      return false;
    }
    if (ago) {
      fields.negate();
    }
    return true;
  }

  /**
   * The unit a bare number to the left takes: days after hours ({@code '1 5 hours'}), else the
   * same unit (which then collides), as the server's {@code type} variable behaves.
   */
  private static IntervalText.Unit nextType(IntervalText.Unit unit) {
    return unit == IntervalText.Unit.HOUR ? IntervalText.Unit.DAY : unit;
  }

  private static boolean claim(EnumSet<IntervalText.Unit> seen, EnumSet<IntervalText.Unit> mask) {
    for (IntervalText.Unit u : mask) {
      if (seen.contains(u)) {
        return false;
      }
    }
    seen.addAll(mask);
    return true;
  }

  /**
   * A number field in the unit {@code type} (seconds when none yet). Returns the unit for the next
   * field to the left, or null on a syntax error.
   */
  private static IntervalText.Unit number(IntervalLexer.Token t, IntervalText.Unit type, IntervalText.Fields fields,
      EnumSet<IntervalText.Unit> seen) {
    IntervalText.Unit unit = type == null ? IntervalText.Unit.SECOND : type;
    String f = t.text();
    int signLength = f.charAt(0) == '+' || f.charAt(0) == '-' ? 1 : 0;
    int digitsEnd = skipDigits(f, signLength);
    if (digitsEnd == signLength && !f.startsWith(".", digitsEnd)) {
      return null; // no digits at all
    }
    long value = integerPart(f.substring(0, digitsEnd));
    double fraction = 0;
    String rest = f.substring(digitsEnd);
    if (rest.startsWith("-")) { // SQL "years-months"
      String m = rest.substring(1);
      if (skipDigits(m, 0) != m.length()) {
        return null;
      }
      if (m.length() > 9 || (!m.isEmpty() && Integer.parseInt(m) >= 12)) {
        throw IntervalText.fieldOverflow(null);
      }
      int months = m.isEmpty() ? 0 : Integer.parseInt(m);
      double total = (double) value * 12 + (f.charAt(0) == '-' ? -months : months);
      if (total > Integer.MAX_VALUE || total < Integer.MIN_VALUE) {
        throw IntervalText.fieldOverflow(null);
      }
      value = (long) total;
      unit = IntervalText.Unit.MONTH;
    } else if (rest.startsWith(".")) {
      if (rest.length() > 1) {
        if (skipDigits(rest, 1) != rest.length()) {
          return null;
        }
        fraction = Double.parseDouble("0" + rest);
      }
      if (f.charAt(0) == '-') {
        fraction = -fraction;
      }
    } else if (!rest.isEmpty()) {
      return null;
    }
    return apply(unit, value, fraction, fields, seen) ? nextType(unit) : null;
  }

  private static boolean apply(IntervalText.Unit unit, long value, double fraction, IntervalText.Fields fields,
      EnumSet<IntervalText.Unit> seen) {
    EnumSet<IntervalText.Unit> mask = EnumSet.of(unit);
    switch (unit) {
      case MICROSECOND -> micros(fields, value, fraction, 1);
      case MILLISECOND -> micros(fields, value, fraction, 1000);
      case SECOND -> {
        micros(fields, value, fraction, PgTime.MICROS_PER_SECOND);
        if (fraction != 0) {
          mask = EnumSet.of(IntervalText.Unit.SECOND, IntervalText.Unit.MILLISECOND, IntervalText.Unit.MICROSECOND);
        }
      }
      case MINUTE -> micros(fields, value, fraction, 60 * PgTime.MICROS_PER_SECOND);
      case HOUR -> micros(fields, value, fraction, 3600 * PgTime.MICROS_PER_SECOND);
      case DAY -> {
        fields.addDays(value, 1);
        fields.addFractionMicros(fraction, PgTime.MICROS_PER_DAY);
      }
      case WEEK -> {
        fields.addDays(value, 7);
        fields.addFractionDays(fraction, 7);
      }
      case MONTH -> {
        fields.addMonths(value);
        fields.addFractionDays(fraction, 30);
      }
      case YEAR -> years(fields, value, fraction, 1);
      case DECADE -> years(fields, value, fraction, 10);
      case CENTURY -> years(fields, value, fraction, 100);
      case MILLENNIUM -> years(fields, value, fraction, 1000);
      default -> {
        return false; // a number before "ago"
      }
    }
    return claim(seen, mask);
  }

  private static void micros(IntervalText.Fields fields, long value, double fraction, long scale) {
    fields.addMicros(value, scale);
    fields.addFractionMicros(fraction, scale);
  }

  private static void years(IntervalText.Fields fields, long value, double fraction, int scale) {
    fields.addYears(value, scale);
    fields.addFractionYears(fraction, scale);
  }

  /** A signed field that is not a valid time falls back to being read as a number, as on the server. */
  private static Long signedTime(String f) {
    try {
      return time(f);
    } catch (InvalidValueException e) {
      return null;
    }
  }

  /** {@code H:M[:S[.f]]} or {@code M:S.f} (two fields with a fraction are minutes and seconds). */
  private static Long time(String f) {
    String[] parts = f.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      return null;
    }
    String last = parts[parts.length - 1];
    int dot = last.indexOf('.');
    String fraction = dot < 0 ? null : last.substring(dot);
    parts[parts.length - 1] = dot < 0 ? last : last.substring(0, dot);
    for (int i = 0; i < parts.length; i++) {
      if ((i == 0 && parts[i].isEmpty()) || skipDigits(parts[i], 0) != parts[i].length()) {
        return null; // later parts may be empty: "02:" is 02:00, as strtoint reads "" as 0
      }
    }
    if (fraction != null && fraction.length() > 1 && skipDigits(fraction, 1) != fraction.length()) {
      return null;
    }
    long hour;
    long minute;
    long second;
    if (parts.length == 2 && fraction != null) {
      hour = 0;
      minute = integerPart(parts[0]);
      second = integerPart(parts[1]);
    } else {
      hour = integerPart(parts[0]);
      minute = integerPart(parts[1]);
      second = parts.length == 3 ? integerPart(parts[2]) : 0;
    }
    long micros = fraction == null || fraction.length() == 1 ? 0
        : (long) Math.rint(Double.parseDouble("0" + fraction) * PgTime.MICROS_PER_SECOND);
    if (minute > 59 || second > 60 || micros > PgTime.MICROS_PER_SECOND) {
      throw IntervalText.fieldOverflow(null);
    }
    return Math.addExact(Math.multiplyExact(hour, 3600 * PgTime.MICROS_PER_SECOND),
        (minute * 60 + second) * PgTime.MICROS_PER_SECOND + micros);
  }

  /** {@code strtoi64} of a digit string (optionally signed); overflow is a field overflow. */
  private static long integerPart(String s) {
    if (s.isEmpty() || s.equals("+") || s.equals("-")) {
      return 0;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw IntervalText.fieldOverflow(e);
    }
  }

  private static int skipDigits(String s, int i) {
    return IntervalLexer.skipDigits(s, i);
  }
}
