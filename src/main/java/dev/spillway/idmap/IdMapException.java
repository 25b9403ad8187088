package dev.spillway.idmap;

import java.nio.file.Path;

/**
 * An id map or key set failed: names the table and the file involved, and keeps the cause (an
 * {@code IOException}, a Chronicle Map error). Message form:
 * {@code idmap of table "package" (/spill/idmap/package-1a2b3c4d.meta): <problem>}.
 */
public class IdMapException extends RuntimeException {
  private final String table;
  private final Path file;

  public IdMapException(String table, Path file, String problem) {
    super(message(table, file, problem));
    this.table = table;
    this.file = file;
  }

  public IdMapException(String table, Path file, String problem, Throwable cause) {
    super(message(table, file, problem), cause);
    this.table = table;
    this.file = file;
  }

  private static String message(String table, Path file, String problem) {
    return "idmap of table \"" + table + "\" (" + file + "): " + problem;
  }

  /** The table name exactly as the plan spells it. */
  public String table() {
    return table;
  }

  public Path file() {
    return file;
  }
}
