package dev.spillway.cli;

import picocli.CommandLine.ITypeConverter;

/**
 * {@code --id-map-heap}: {@code auto} ({@link #AUTO}: a quarter of the JVM's maximum heap, decided
 * when the options are built), {@code 0} (every key in the map files from the first) or a size as
 * {@link ByteSizeConverter} reads it.
 */
final class IdMapHeapConverter implements ITypeConverter<Long> {
  /** Marks {@code auto}. */
  static final long AUTO = -1;

  @Override
  public Long convert(String value) {
    String v = value.strip();
    if (v.equalsIgnoreCase("auto")) {
      return AUTO;
    }
    if (v.equals("0")) {
      return 0L;
    }
    return new ByteSizeConverter().convert(v);
  }

  /** The bytes {@code option} stands for, with {@code maxHeapBytes} the JVM's -Xmx. */
  static long resolve(long option, long maxHeapBytes) {
    return option == AUTO ? maxHeapBytes / 4 : option;
  }
}
