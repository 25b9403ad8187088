package dev.spillway.spill;

/**
 * A row read from the target database while seeding the id maps cannot be used: a key part the
 * column's type does not accept, or a NULL id. Names the table, the column and the value.
 */
public final class ExistingRowsException extends RuntimeException {
  public ExistingRowsException(String schema, String table, String problem) {
    super("existing rows of " + schema + "." + table + ": " + problem);
  }

  public ExistingRowsException(String schema, String table, String problem, Throwable cause) {
    super("existing rows of " + schema + "." + table + ": " + problem, cause);
  }
}
