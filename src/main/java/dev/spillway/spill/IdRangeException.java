package dev.spillway.spill;

/**
 * A table ran out of ids: its id column is {@code integer} and the next id is above 2147483647.
 * Stage one stops at the record that needed the id (exit code 3); the plan should declare the
 * column {@code bigint}. Names the source file, the line where the record starts, the table, the
 * column and the id:
 * {@code data/e.csv line 12, table event, column id: id 2147483648 does not fit integer (declare it bigint)}.
 */
public final class IdRangeException extends SpillStoppedException {
  private final String sourceFile;
  private final long line;
  private final String table;
  private final String column;
  private final long id;

  public IdRangeException(String sourceFile, long line, String table, String column, long id) {
    super(sourceFile + " line " + line + ", table " + table + ", column " + column + ": id " + id
        + " does not fit integer (declare it bigint)");
    this.sourceFile = sourceFile;
    this.line = line;
    this.table = table;
    this.column = column;
    this.id = id;
  }

  public String sourceFile() {
    return sourceFile;
  }

  public long line() {
    return line;
  }

  public String table() {
    return table;
  }

  public String column() {
    return column;
  }

  public long id() {
    return id;
  }
}
