package dev.spillway.spill;

/**
 * A row met an {@code error} policy ({@code missing: error} on a ref, {@code on_duplicate: error}
 * on a table): stage one aborts at that row. Names the source file, the line where the record
 * starts, the table, the column and the problem:
 * {@code data/deps.csv line 12, table dependency, column depends_on_id: missing ref package[foo] (missing: error)}.
 */
public final class InputErrorException extends SpillStoppedException {
  private final String sourceFile;
  private final long line;
  private final String table;

  public InputErrorException(String sourceFile, long line, String table, String column, String problem) {
    super(sourceFile + " line " + line + ", table " + table + (column == null ? "" : ", column " + column) + ": "
        + problem);
    this.sourceFile = sourceFile;
    this.line = line;
    this.table = table;
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
}
