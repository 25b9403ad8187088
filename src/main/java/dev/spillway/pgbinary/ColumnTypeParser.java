package dev.spillway.pgbinary;

/** Parses and renders {@link ColumnType} names. */
final class ColumnTypeParser {
  private ColumnTypeParser() {}

  static ColumnType parse(String sqlName) {
    throw new UnsupportedOperationException("not yet: " + sqlName);
  }

  static String render(ColumnType type) {
    return type.base().sqlName() + (type.array() ? "[]" : "");
  }
}
