package dev.spillway.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A size in bytes: a whole number with an optional unit, {@code 1000000}, {@code 512KiB},
 * {@code 64MiB}, {@code 1GiB}, {@code 2TiB} (powers of 1024) or {@code 64MB}, {@code 1GB} (powers of
 * 1000); {@code _} may group digits; unit case is ignored. At least 1 byte. A bad value is echoed
 * in the error with the accepted forms.
 */
final class ByteSizeConverter implements ITypeConverter<Long> {
  private static final Pattern SIZE = Pattern.compile("([0-9][0-9_]*)\\s*([a-zA-Z]*)");

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.strip());
    if (!m.matches()) {
      throw bad(value, "not a number of bytes");
    }
    long multiplier = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "", "b" -> 1L;
      case "kib", "k" -> 1L << 10;
      case "mib", "m" -> 1L << 20;
      case "gib", "g" -> 1L << 30;
      case "tib", "t" -> 1L << 40;
      case "kb" -> 1_000L;
      case "mb" -> 1_000_000L;
      case "gb" -> 1_000_000_000L;
      case "tb" -> 1_000_000_000_000L;
      default -> throw bad(value, "unknown unit '" + m.group(2) + "'");
    };
    long number;
    try {
      number = Long.parseLong(m.group(1).replace("_", ""));
      number = Math.multiplyExact(number, multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw bad(value, "too large");
    }
    if (number < 1) {
      throw bad(value, "must be at least 1 byte");
    }
    return number;
  }

  private static TypeConversionException bad(String value, String why) {
    return new TypeConversionException("invalid size '" + value + "': " + why
        + "; expected bytes with an optional unit, e.g. 1000000, 512KiB, 64MiB, 1GiB");
  }
}
