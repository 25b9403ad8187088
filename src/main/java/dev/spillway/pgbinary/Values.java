package dev.spillway.pgbinary;

/** Argument checks for {@link Codec#encode}/{@link Codec#format} values. Stateless. */
final class Values {
  private Values() {}

  /**
   * Casts a value handed to a codec, failing with a message naming the column type and both
   * classes: a wrong class is a programming error, not a bad input value.
   */
  static <T> T as(Class<T> expected, Object value, ColumnType type) {
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException(type + " codec expects " + expected.getName() + ", got "
          + (value == null ? "null (NULL is written by the tuple encoder, not a codec)" : value.getClass().getName()));
    }
    return expected.cast(value);
  }
}
