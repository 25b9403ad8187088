package dev.spillway.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration: a whole number with a unit, {@code 20s}, {@code 10m}, {@code 1h}; {@code 0} turns the
 * limit off. A bad value is echoed in the error with the accepted forms.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*([a-zA-Z]*)");

  @Override
  public Duration convert(String value) {
    Matcher m = DURATION.matcher(value.strip());
    if (!m.matches()) {
      throw bad(value, "not a number with a unit");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "" -> {
        if (n != 0) {
          throw bad(value, "no unit");
        }
        yield Duration.ZERO;
      }
      default -> throw bad(value, "unknown unit '" + m.group(2) + "'");
    };
  }

  private static TypeConversionException bad(String value, String why) {
    return new TypeConversionException("invalid duration '" + value + "': " + why + "; expected e.g. 20s, 10m, 1h"
        + " (0 for no limit)");
  }
}
