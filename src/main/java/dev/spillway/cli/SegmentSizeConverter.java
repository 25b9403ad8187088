package dev.spillway.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --segment-size}: a {@link ByteSizeConverter} size of at least {@value #MIN_SEGMENT_BYTES}
 * bytes (1 MiB). Smaller segments only multiply files, seals and manifest entries; a bare number
 * is most likely a forgotten unit, so the refusal suggests one: {@code 64 bytes is below the
 * minimum segment size of 1MiB: did you mean 64MiB?}. (Stage one itself accepts any size from 1
 * byte, which tests use through {@code SpillOptions}.)
 */
final class SegmentSizeConverter implements ITypeConverter<Long> {
  static final long MIN_SEGMENT_BYTES = 1L << 20;

  private final ByteSizeConverter sizes = new ByteSizeConverter();

  @Override
  public Long convert(String value) {
    long bytes = sizes.convert(value);
    if (bytes < MIN_SEGMENT_BYTES) {
      boolean bareNumber = value.strip().matches("[0-9_]+");
      throw new TypeConversionException("invalid segment size '" + value + "': " + String.format(Locale.ROOT, "%,d", bytes)
          + " bytes is below the minimum segment size of 1MiB" + (bareNumber ? ": did you mean " + value.strip() + "MiB?" : ""));
    }
    return bytes;
  }
}
