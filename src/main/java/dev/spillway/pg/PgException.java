package dev.spillway.pg;

import java.util.Optional;

/**
 * A database operation failed. The message names the unit of work ("recording segment 3 of
 * "s"."t"") and ends with the server's message and SQLState; the original exception is the cause.
 * Exit code 5 (database error). Never carries a password.
 */
public class PgException extends RuntimeException {
  /** Five-character SQLState from the server or driver; null when the failure did not come with one. */
  private final String sqlState;

  public PgException(String message, String sqlState, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  public PgException(String message) {
    this(message, null, null);
  }

  /** The SQLState, e.g. {@code 23505} for a unique violation, when there was one. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }
}
