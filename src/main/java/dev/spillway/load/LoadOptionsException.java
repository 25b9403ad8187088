package dev.spillway.load;

/**
 * The load options cannot apply to this spill, found before any row is loaded: e.g.
 * {@code --on-conflict update} for a table with neither a natural key nor an id column to decide
 * what "the same row" is (before the database is touched), or a foreign key of an existing table
 * within a cycle of references without {@code --defer-indexes} ({@link CheckedReferences}). Names
 * the spill directory, the table and the option. Exit code 2.
 */
public class LoadOptionsException extends RuntimeException {
  public LoadOptionsException(String message) {
    super(message);
  }
}
