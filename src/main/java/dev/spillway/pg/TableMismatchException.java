package dev.spillway.pg;

import java.util.List;

/**
 * A target table does not fit the data about to be loaded: it is missing, or a column is missing,
 * has another type, is generated, or requires a value the load does not supply. Carries every
 * problem, each naming its column. Exit code 5.
 */
public final class TableMismatchException extends PgException {
  /** The table checked. */
  private final QualifiedName table;
  /** One line per problem, each starting with {@code column "x"} or {@code table}. */
  private final List<String> problems;

  public TableMismatchException(QualifiedName table, List<String> problems) {
    super("table " + table + " does not match the spill: " + String.join("; ", problems));
    this.table = table;
    this.problems = List.copyOf(problems);
  }

  public QualifiedName table() {
    return table;
  }

  public List<String> problems() {
    return problems;
  }
}
