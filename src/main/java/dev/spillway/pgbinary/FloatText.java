package dev.spillway.pgbinary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text input and output of {@code real} and {@code double precision} exactly as Postgres 15 with
 * the default {@code extra_float_digits = 1}.
 *
 * <p>Input: trimmed; decimal notation with optional exponent, or {@code [+-]}{@code NaN},
 * {@code inf}, {@code infinity} in any case ({@code -NaN} keeps its sign bit, as glibc's
 * {@code strtod} does). Correctly rounded like {@code strtod}/{@code strtof}. A result that
 * overflows to infinity, or underflows to zero from non-zero digits, is out of range; subnormal
 * results are accepted. C99 hexadecimal floats ({@code 0x1.8p3}, exponent optional) are accepted,
 * as glibc's {@code strtod} accepts them.
 *
 * <p>Output: the shortest decimal that reads back as the same value (Ryu, as the server), in
 * fixed notation when the decimal exponent is in [-4, 15) for double or [-4, 6) for real, else as
 * {@code d.ddde+XX} with at least two exponent digits.
 */
final class FloatText {
  /** {@link #special} result for NaN (+1/-1 are the infinities). */
  private static final int NAN = 2;
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  /** C99 hexadecimal float, binary exponent optional (glibc's strtod accepts it). */
  private static final Pattern HEX = Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?");

  private FloatText() {}

  static double parseDouble(String text) {
    String s = PgText.trim(text);
    int special = special(s);
    if (special == NAN) {
      return s.startsWith("-") ? Double.longBitsToDouble(0xFFF8000000000000L) : Double.NaN;
    }
    if (special != 0) {
      return special > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    String java = javaSyntax(s, "double precision");
    double value = Double.parseDouble(java);
    if (Double.isInfinite(value) || (value == 0 && hasNonZeroMantissa(java))) {
      throw new InvalidValueException("double precision out of range");
    }
    return value;
  }

  static float parseFloat(String text) {
    String s = PgText.trim(text);
    int special = special(s);
    if (special == NAN) {
      return s.startsWith("-") ? Float.intBitsToFloat(0xFFC00000) : Float.NaN;
    }
    if (special != 0) {
      return special > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
    }
    String java = javaSyntax(s, "real");
    float value = Float.parseFloat(java);
    if (Float.isInfinite(value) || (value == 0 && hasNonZeroMantissa(java))) {
      throw new InvalidValueException("real out of range");
    }
    return value;
  }

  /** {@link #NAN} for [+-]nan, +1/-1 for [+-]inf[inity], 0 for anything else (case-insensitive). */
  private static int special(String s) {
    if (s.length() > 9) {
      return 0;
    }
    boolean signed = s.startsWith("-") || s.startsWith("+");
    String word = (signed ? s.substring(1) : s).toLowerCase(Locale.ROOT);
    if (word.equals("nan")) {
      return NAN;
    }
    if (word.equals("inf") || word.equals("infinity")) {
      return s.startsWith("-") ? -1 : 1;
    }
    return 0;
  }

  /** The literal in Java's syntax (a hex float gets the binary exponent Java insists on), or a syntax error. */
  private static String javaSyntax(String s, String typeName) {
    if (DECIMAL.matcher(s).matches()) {
      return s;
    }
    if (HEX.matcher(s).matches()) {
      return s.indexOf('p') < 0 && s.indexOf('P') < 0 ? s + "p0" : s;
    }
    throw new InvalidValueException("invalid input syntax for type " + typeName);
  }

  /** Whether the significand (before any exponent) has a non-zero digit; handles hex floats. */
  private static boolean hasNonZeroMantissa(String s) {
    boolean hex = s.indexOf('x') >= 0 || s.indexOf('X') >= 0;
    for (int i = hex ? s.indexOf(s.indexOf('x') >= 0 ? 'x' : 'X') + 1 : 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E')) {
        return false;
      }
      if ((c >= '1' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))) {
        return true;
      }
    }
    return false;
  }

  static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
    }
    return layout(shortestDouble(Math.abs(d)), d < 0, 15);
  }

  static String formatFloat(float f) {
    if (Float.isNaN(f)) {
      return "NaN";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "Infinity" : "-Infinity";
    }
    if (f == 0) {
      return Float.floatToRawIntBits(f) < 0 ? "-0" : "0";
    }
    return layout(shortestFloat(Math.abs(f)), f < 0, 6);
  }

  /**
   * Shortest decimal strictly inside {@code d}'s rounding interval (> 0); the nearest among equally
   * short ones. Unlike Java's and reference Ryu's, the server's Ryu never picks a decimal lying
   * exactly on the boundary between two doubles (so 1e23 prints as 9.999999999999999e+22), even
   * when it would read back correctly under ties-to-even.
   */
  private static BigDecimal shortestDouble(double d) {
    BigDecimal exact = new BigDecimal(d);
    BigDecimal low = midpoint(exact, new BigDecimal(Math.nextDown(d)));
    BigDecimal high = Double.isInfinite(Math.nextUp(d)) ? null : midpoint(exact, new BigDecimal(Math.nextUp(d)));
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal best = pick(exact, digits, c -> inside(c, low, high) && Double.parseDouble(c.toString()) == d);
      if (best != null) {
        return best;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }

  private static BigDecimal shortestFloat(float f) {
    BigDecimal exact = new BigDecimal(f);
    BigDecimal low = midpoint(exact, new BigDecimal(Math.nextDown(f)));
    BigDecimal high = Float.isInfinite(Math.nextUp(f)) ? null : midpoint(exact, new BigDecimal(Math.nextUp(f)));
    for (int digits = 1; digits < 9; digits++) {
      BigDecimal best = pick(exact, digits, c -> inside(c, low, high) && Float.parseFloat(c.toString()) == f);
      if (best != null) {
        return best;
      }
    }
    return exact.round(new MathContext(9, RoundingMode.HALF_EVEN));
  }

  private static BigDecimal midpoint(BigDecimal a, BigDecimal b) {
    return a.add(b).divide(BigDecimal.valueOf(2));
  }

  /** True unless {@code c} is exactly one of the interval's boundaries. */
  private static boolean inside(BigDecimal c, BigDecimal low, BigDecimal high) {
    return c.compareTo(low) != 0 && (high == null || c.compareTo(high) != 0);
  }

  /**
   * Of the two {@code digits}-digit decimals bracketing {@code exact}, the one that round-trips; the
   * nearer (ties to even) when both do. Trying both sides matters at powers of two, where the
   * rounding interval is asymmetric.
   */
  private static BigDecimal pick(BigDecimal exact, int digits, java.util.function.Predicate<BigDecimal> roundTrips) {
    BigDecimal down = exact.round(new MathContext(digits, RoundingMode.FLOOR));
    BigDecimal up = exact.round(new MathContext(digits, RoundingMode.CEILING));
    boolean downOk = roundTrips.test(down);
    boolean upOk = roundTrips.test(up);
    if (downOk && upOk) {
      return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }
    return downOk ? down : upOk ? up : null;
  }

  /** Lays out {@code value} (> 0) as Postgres's Ryu output does; see the class comment. */
  private static String layout(BigDecimal value, boolean negative, int fixedExponentLimit) {
    BigDecimal stripped = value.stripTrailingZeros();
    String digits = stripped.unscaledValue().toString();
    int exponent = digits.length() - 1 - stripped.scale(); // decimal exponent of the first digit
    StringBuilder out = new StringBuilder(digits.length() + 8);
    if (negative) {
      out.append('-');
    }
    if (exponent >= -4 && exponent < fixedExponentLimit) {
      if (exponent < 0) {
        out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
      } else if (digits.length() <= exponent + 1) {
        out.append(digits).append("0".repeat(exponent + 1 - digits.length()));
      } else {
        out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
      }
      return out.toString();
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      out.append('0');
    }
    return out.append(abs).toString();
  }
}
