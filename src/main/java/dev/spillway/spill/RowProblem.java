package dev.spillway.spill;

/**
 * What went wrong with the row being built: the column, the raw input value and the reason that go
 * into rejects.csv (or into the abort message). One mutable instance per file being read, reset for
 * every row, so the row loop allocates nothing for rows without problems. Single-threaded.
 */
final class RowProblem {
  /** The column whose value failed, or null when the problem is not one column's (a duplicate key). */
  private String column;
  /** The value as read; null for SQL NULL. */
  private String rawValue;
  /** Why, e.g. {@code integer out of range}; null while there is no problem. */
  private String reason;

  void clear() {
    column = null;
    rawValue = null;
    reason = null;
  }

  /** Records the problem and returns {@code status}, so callers can {@code return problem.set(...)}. */
  RowStatus set(RowStatus status, String newColumn, String newRawValue, String newReason) {
    this.column = newColumn;
    this.rawValue = newRawValue;
    this.reason = newReason;
    return status;
  }

  /** Names the column when the problem was found below it (in a ref's key part); keeps the rest. */
  void inColumn(String newColumn) {
    if (column == null) {
      column = newColumn;
    }
  }

  String column() {
    return column;
  }

  String rawValue() {
    return rawValue;
  }

  String reason() {
    return reason;
  }
}
