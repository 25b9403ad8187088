package dev.spillway.pgbinary;

/**
 * The non-finite {@code numeric} values, which {@link java.math.BigDecimal} cannot hold. A
 * {@code numeric} codec value is either a {@code BigDecimal} or one of these.
 */
public enum NumericSpecial {
  NAN("NaN"),
  POSITIVE_INFINITY("Infinity"),
  NEGATIVE_INFINITY("-Infinity");

  /** Postgres's text form. */
  private final String text;

  NumericSpecial(String text) {
    this.text = text;
  }

  @Override
  public String toString() {
    return text;
  }
}
