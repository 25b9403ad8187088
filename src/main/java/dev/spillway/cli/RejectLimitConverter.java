package dev.spillway.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --max-rejects}: a whole number of rejected source records, 0 or more ({@code _} may group digits), or
 * {@code unlimited}. A bad value is echoed in the error.
 */
final class RejectLimitConverter implements ITypeConverter<Long> {
  static final long UNLIMITED = Long.MAX_VALUE;

  @Override
  public Long convert(String value) {
    String v = value.strip();
    if (v.equalsIgnoreCase("unlimited")) {
      return UNLIMITED;
    }
    if (!v.matches("[0-9][0-9_]*")) {
      throw new TypeConversionException("invalid reject limit '" + value
          + "': expected a whole number >= 0 (0 makes any reject fatal) or 'unlimited'");
    }
    try {
      return Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("invalid reject limit '" + value + "': too large");
    }
  }
}
