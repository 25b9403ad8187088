package dev.spillway.cli;

import dev.spillway.load.ConflictMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --on-conflict error|skip|update}; the error names the accepted values and echoes the given one. */
final class ConflictModeConverter implements ITypeConverter<ConflictMode> {
  @Override
  public ConflictMode convert(String value) {
    try {
      return ConflictMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("expected error, skip or update, got '" + value + "'");
    }
  }
}
