package dev.spillway.inspect;

/**
 * {@code cat --row N} names a row past the end of the table (or of the lone segment): a usage
 * error, so a script is not told "success" after printing nothing. Names the row count.
 */
public final class RowOutOfRangeException extends RuntimeException {
  public RowOutOfRangeException(String message) {
    super(message);
  }
}
