package dev.spillway.pgbinary;

/**
 * A value that is not valid input (or not a valid payload) for a column type. The message is the
 * bare reason ({@code integer out of range}); callers add the file, line, table and column.
 */
public final class InvalidValueException extends RuntimeException {
  /** The text refused, when the catcher may not hold it (a plan function's input); else null. */
  private final transient String value;

  public InvalidValueException(String reason) {
    this(reason, null, null);
  }

  public InvalidValueException(String reason, Throwable cause) {
    this(reason, null, cause);
  }

  private InvalidValueException(String reason, String value, Throwable cause) {
    super(reason, cause);
    this.value = value;
  }

  /**
   * Refuses {@code value}, a text the catcher did not hand over itself: a plan function's input,
   * which rejects.csv shows as the raw value.
   */
  public static InvalidValueException refusing(String value, String reason) {
    return new InvalidValueException(reason, value, null);
  }

  public String reason() {
    return getMessage();
  }

  /** The refused text given to {@link #refusing}, or null. */
  public String value() {
    return value;
  }
}
