package dev.spillway.inspect;

/** {@code cat --table T} names a table the spill directory (or the segment file) does not hold. A usage error. */
public final class UnknownTableException extends RuntimeException {
  public UnknownTableException(String message) {
    super(message);
  }
}
