package dev.spillway.pgbinary;

/**
 * A value that is not valid input (or not a valid payload) for a column type. The message is the
 * bare reason ({@code integer out of range}); callers add the file, line, table and column.
 */
public final class InvalidValueException extends RuntimeException {
  public InvalidValueException(String reason) {
    super(reason);
  }

  public InvalidValueException(String reason, Throwable cause) {
    super(reason, cause);
  }

  public String reason() {
    return getMessage();
  }
}
