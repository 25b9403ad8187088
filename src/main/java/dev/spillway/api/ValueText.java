package dev.spillway.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The text a typed Java value stands for in a record from code: what a CSV field holding the same
 * value would say, so the column's codec parses it exactly as the CSV path does ({@code String}s
 * pass unchanged). {@code null} is SQL NULL. Part of the seam "record from code -> the fields a
 * source's compiled emits read"; stateless.
 */
final class ValueText {
  private ValueText() {}

  /**
   * The text of {@code value}; throws IllegalArgumentException naming {@code field} and the type
   * for a Java type that has no text form here.
   */
  static String of(String field, Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger || value instanceof Boolean || value instanceof UUID) {
      return value.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      return value.toString(); // NaN, Infinity, -Infinity and 1.0E10 are Postgres float input too
    }
    if (value instanceof LocalDate || value instanceof LocalDateTime || value instanceof LocalTime
        || value instanceof OffsetDateTime || value instanceof Instant) {
      return value.toString(); // ISO 8601, which the date/time codecs read as Postgres does
    }
    if (value instanceof ZonedDateTime z) {
      return z.toOffsetDateTime().toString();
    }
    if (value instanceof byte[] bytes) {
      return "\\x" + HexFormat.of().formatHex(bytes);
    }
    throw new IllegalArgumentException("field " + field + ": a " + value.getClass().getName()
        + " has no column text; pass a String, Long, Integer, BigDecimal, Double, Boolean, LocalDate, LocalDateTime,"
        + " OffsetDateTime, Instant, UUID or byte[]");
  }
}
