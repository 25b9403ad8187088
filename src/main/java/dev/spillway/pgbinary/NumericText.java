package dev.spillway.pgbinary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code numeric} text input and typmod rules of Postgres 15.
 *
 * <p>Input: trimmed; {@code NaN}, {@code [+-]Infinity}, {@code [+-]inf} in any case, or decimal
 * digits with an optional point and exponent (white space may follow the {@code e}, as the
 * server's use of {@code strtol} allows). The value keeps its display scale: {@code 1.50}
 * has scale 2, {@code 1.5e-3} scale 4, {@code 1e5} scale 0 (a {@code BigDecimal} with negative
 * scale stands for display scale 0). Limits as the server: at most 131072 digits before the point,
 * at most 16383 after it (counting trailing zeros as written), exponent magnitude below 2^30-1;
 * beyond them "value overflows numeric format".
 *
 * <p>Typmod {@code numeric(p,s)}: round half away from zero to {@code s} digits, then the absolute
 * value must be below 10^(p-s), else "numeric field overflow". NaN passes, infinities do not.
 */
final class NumericText {
  static final int MAX_INTEGER_DIGITS = 131072;
  static final int MAX_DISPLAY_SCALE = 16383;
  private static final long MAX_EXPONENT = Integer.MAX_VALUE / 2;
  /** Sign, integer digits, fraction digits, exponent (strtol skips white space before its sign). */
  private static final Pattern SHAPE = Pattern.compile("([+-]?)([0-9]*)(?:\\.([0-9]*))?(?:[eE]\\s*([+-]?[0-9]+))?");

  private NumericText() {}

  /** A {@link BigDecimal} or a {@link NumericSpecial}, before any typmod. */
  static Object parse(String text) {
    String s = PgText.trim(text);
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan":
        return NumericSpecial.NAN;
      case "infinity", "+infinity", "inf", "+inf":
        return NumericSpecial.POSITIVE_INFINITY;
      case "-infinity", "-inf":
        return NumericSpecial.NEGATIVE_INFINITY;
      default:
        break;
    }
    Matcher m = SHAPE.matcher(s);
    String integer = m.matches() ? m.group(2) : "";
    String fraction = m.matches() && m.group(3) != null ? m.group(3) : "";
    if (integer.isEmpty() && fraction.isEmpty()) {
      throw new InvalidValueException("invalid input syntax for type numeric");
    }
    long exponent = m.group(4) == null ? 0 : parseExponent(m.group(4));
    long scale = fraction.length() - exponent;
    if (scale > MAX_DISPLAY_SCALE) {
      throw overflow();
    }
    String digits = integer + fraction;
    if (significantDigits(digits) > MAX_INTEGER_DIGITS + MAX_DISPLAY_SCALE) {
      throw overflow(); // no valid value has this many digits; don't spend time parsing them
    }
    BigInteger unscaled = new BigInteger(digits);
    if (m.group(1).equals("-")) {
      unscaled = unscaled.negate();
    }
    BigDecimal value = new BigDecimal(unscaled, (int) scale);
    checkIntegerDigits(value);
    return value;
  }

  private static int significantDigits(String digits) {
    int i = 0;
    while (i < digits.length() && digits.charAt(i) == '0') {
      i++;
    }
    return digits.length() - i;
  }

  private static long parseExponent(String digits) {
    String unsigned = digits.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
    if (unsigned.length() > 10) {
      throw overflow();
    }
    long e = Long.parseLong(unsigned);
    if (e >= MAX_EXPONENT) {
      throw overflow();
    }
    return digits.startsWith("-") ? -e : e;
  }

  /** Rejects values with more than {@link #MAX_INTEGER_DIGITS} digits before the point, without expanding them. */
  static void checkIntegerDigits(BigDecimal value) {
    if (value.signum() != 0 && (long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
      throw overflow();
    }
  }

  /**
   * Applies {@code numeric(precision, scale)} as the server's {@code apply_typmod} does; returns
   * the value unchanged when {@code precision < 1} (no typmod).
   */
  static Object applyTypmod(Object value, int precision, int scale) {
    if (precision < 1 || value == NumericSpecial.NAN) {
      return value;
    }
    if (value instanceof NumericSpecial) {
      throw new InvalidValueException("numeric field overflow (a field with precision " + precision + ", scale "
          + scale + " cannot hold an infinite value)");
    }
    BigDecimal rounded = ((BigDecimal) value).setScale(scale, RoundingMode.HALF_UP);
    int maxIntegerDigits = precision - scale;
    if (rounded.signum() != 0 && rounded.precision() - rounded.scale() > maxIntegerDigits) {
      throw new InvalidValueException("numeric field overflow (a field with precision " + precision + ", scale "
          + scale + " must round to an absolute value less than "
          + (maxIntegerDigits == 0 ? "1" : "10^" + maxIntegerDigits) + ")");
    }
    return rounded;
  }

  /** Postgres's output: plain digits, exactly {@code max(0, scale)} after the point. */
  static String format(Object value) {
    if (value instanceof NumericSpecial) {
      return value.toString();
    }
    BigDecimal d = (BigDecimal) value;
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /** Zeros the plain form of a key may add to its significant digits; with more, {@link #keyText} is compact. */
  static final int MAX_PLAIN_KEY_ZEROS = 32;

  /**
   * The value as {@code numeric}'s equality sees it: trailing fraction zeros (the display scale)
   * dropped and zero unsigned ({@code 100.50} and {@code 1.005E2} are {@code 100.5}, {@code -0.000}
   * is {@code 0}); NaN and the infinities as {@link #format} prints them (NaN equals NaN in
   * {@code numeric}). A value whose plain form would add more than {@link #MAX_PLAIN_KEY_ZEROS}
   * zeros to its significant digits is written compact, its significant digits then {@code E} and
   * the power of ten ({@code 1e9000} is {@code 1E9000}, not 9001 characters): each form is a
   * function of the stripped digits and scale, and only the compact one has an {@code E}, so two
   * values still have one key text exactly when they are equal.
   */
  static String keyText(Object value) {
    if (value instanceof NumericSpecial) {
      return value.toString();
    }
    BigDecimal d = (BigDecimal) value;
    if (d.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = d.stripTrailingZeros();
    int scale = stripped.scale();
    long zeros = scale < 0 ? -(long) scale : Math.max(0, (long) scale - stripped.precision() + 1);
    if (zeros > MAX_PLAIN_KEY_ZEROS) {
      return stripped.unscaledValue().toString() + "E" + (-(long) scale);
    }
    return scale < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }

  static InvalidValueException overflow() {
    return new InvalidValueException("value overflows numeric format");
  }
}
