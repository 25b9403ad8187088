package dev.spillway.inspect;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Which rows {@code cat} prints, numbered from 1 in segment order across a table's segments.
 *
 * @param firstRow the first row printed, >= 1
 * @param maxRows  how many rows at most, >= 1
 */
public record RowSelection(long firstRow, long maxRows) {
  public RowSelection {
    checkArgument(firstRow >= 1, "firstRow < 1: %s", firstRow);
    checkArgument(maxRows >= 1, "maxRows < 1: %s", maxRows);
  }

  public static RowSelection all() {
    return new RowSelection(1, Long.MAX_VALUE);
  }

  /** Row {@code n} alone ({@code --row n}). */
  public static RowSelection row(long n) {
    return new RowSelection(n, 1);
  }

  /** The first {@code n} rows ({@code --limit n}). */
  public static RowSelection limit(long n) {
    return new RowSelection(1, n);
  }

  /** The last row selected; Long.MAX_VALUE when unbounded. */
  public long lastRow() {
    return maxRows > Long.MAX_VALUE - firstRow ? Long.MAX_VALUE : firstRow + maxRows - 1;
  }
}
