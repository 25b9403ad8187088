package dev.spillway.cli;

import dev.spillway.segment.Compression;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --compress none|zstd}; the error echoes the bad value. */
final class CompressionConverter implements ITypeConverter<Compression> {
  @Override
  public Compression convert(String value) {
    try {
      return Compression.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
