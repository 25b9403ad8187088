package dev.spillway.pgbinary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Java values handed in by code (the library's {@code record(...)} calls) turned into a column's
 * value without a text round trip where the Java type fits the column type, and their text form
 * otherwise. Stateless.
 *
 * <p>Supported classes: {@code String, Long, Integer, Short, BigDecimal, Double, Float, Boolean,
 * LocalDate, LocalDateTime, OffsetDateTime, Instant, UUID, byte[]}. What fits (else the text form is
 * parsed by the codec, as a CSV field would be):
 * <table>
 *   <caption>Java class per column type taken as is</caption>
 *   <tr><th>column type</th><th>Java classes</th></tr>
 *   <tr><td>boolean</td><td>Boolean</td></tr>
 *   <tr><td>smallint, integer, bigint</td><td>Short, Integer, Long (range checked: {@code integer out of range})</td></tr>
 *   <tr><td>double precision</td><td>Double</td></tr>
 *   <tr><td>real</td><td>Float</td></tr>
 *   <tr><td>numeric[(p,s)]</td><td>BigDecimal, Long, Integer, Short (typmod applied as for text)</td></tr>
 *   <tr><td>bytea</td><td>byte[]</td></tr>
 *   <tr><td>date</td><td>LocalDate</td></tr>
 *   <tr><td>timestamp</td><td>LocalDateTime with whole microseconds</td></tr>
 *   <tr><td>timestamptz</td><td>Instant, OffsetDateTime with whole microseconds</td></tr>
 *   <tr><td>uuid</td><td>UUID</td></tr>
 * </table>
 * A {@code LocalDateTime} into {@code timestamptz} goes through its text form, which has no offset
 * and is read as UTC (spill-format.md, section 2b), as an offset-less String is.
 * A value finer than a microsecond goes through its text form, so it is rounded exactly as the
 * server rounds its text. A value out of the column type's range ({@code Instant.MAX},
 * {@code OffsetDateTime.MIN}, a year past 294276) is an {@link InvalidValueException}, the record
 * rejected as an out-of-range text would be, never a {@code java.time.DateTimeException}. The text form of each class is one the codecs (and the server) read back
 * to the same value: {@link #text}.
 */
public final class JavaValues {
  private JavaValues() {}

  /** Whether {@code value}'s class is one code may hand in (null, SQL NULL, is too). */
  public static boolean supported(Object value) {
    return value == null || value instanceof String || value instanceof Long || value instanceof Integer
        || value instanceof Short || value instanceof BigDecimal || value instanceof Double || value instanceof Float
        || value instanceof Boolean || value instanceof LocalDate || value instanceof LocalDateTime
        || value instanceof OffsetDateTime || value instanceof Instant || value instanceof UUID || value instanceof byte[];
  }

  /** The supported classes, for messages. */
  public static final String SUPPORTED = "String, Long, Integer, Short, BigDecimal, Double, Float, Boolean, LocalDate, "
      + "LocalDateTime, OffsetDateTime, Instant, UUID, byte[]";

  /**
   * {@code value} as {@code codec}'s value class when its Java type fits the column type (see the
   * class comment), or null when it does not and its {@link #text} must be parsed instead. Throws
   * {@link InvalidValueException} with the reason the text would give when the value is out of the
   * type's range.
   *
   * @param value a non-null, {@link #supported} value that is not a String
   */
  public static Object toColumnValue(Codec codec, Object value) {
    ColumnType type = codec.type();
    if (type.array()) {
      return null;
    }
    return switch (type.base()) {
      case BOOLEAN -> value instanceof Boolean ? value : null;
      case SMALLINT -> integral(value, Short.MIN_VALUE, Short.MAX_VALUE, "smallint") ? (Object) (short) ((Number) value).longValue() : null;
      case INTEGER -> integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer") ? (Object) (int) ((Number) value).longValue() : null;
      case BIGINT -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE, "bigint") ? (Object) ((Number) value).longValue() : null;
      case DOUBLE -> value instanceof Double ? value : null;
      case REAL -> value instanceof Float ? value : null;
      case NUMERIC -> numeric(value, type);
      case BYTEA -> value instanceof byte[] bytes ? bytes.clone() : null;
      case DATE -> value instanceof LocalDate d ? date(d) : null;
      case TIMESTAMP -> value instanceof LocalDateTime t && t.getNano() % 1000 == 0 ? timestamp(t) : null;
      case TIMESTAMPTZ -> instant(value);
      case UUID -> value instanceof UUID ? value : null;
      default -> null;
    };
  }

  /** Whether {@code value} is a Short, Integer or Long; throws {@code <type> out of range} when it is one outside [min, max]. */
  private static boolean integral(Object value, long min, long max, String typeName) {
    if (!(value instanceof Long || value instanceof Integer || value instanceof Short)) {
      return false;
    }
    long x = ((Number) value).longValue();
    if (x < min || x > max) {
      throw new InvalidValueException(typeName + " out of range");
    }
    return true;
  }

  private static Object numeric(Object value, ColumnType type) {
    BigDecimal d;
    if (value instanceof BigDecimal big) {
      d = big.scale() < 0 ? big.setScale(0) : big;
      if (d.scale() > NumericText.MAX_DISPLAY_SCALE) {
        return null; // the text path says what the server says
      }
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      d = BigDecimal.valueOf(((Number) value).longValue());
    } else {
      return null;
    }
    NumericText.checkIntegerDigits(d);
    return NumericText.applyTypmod(d, type.precision(), type.scale());
  }

  private static LocalDate date(LocalDate d) {
    if (d.getYear() < PgTime.MIN_DATE.getYear() - 1 || d.getYear() > PgTime.MAX_DATE.getYear() + 1
        || !PgTime.isValidDate(PgTime.pgDays(d))) {
      throw new InvalidValueException("date out of range");
    }
    return d;
  }

  private static LocalDateTime timestamp(LocalDateTime t) {
    checkTimestampYear(t.getYear());
    if (!PgTime.isValidTimestamp(PgTime.micros(t))) {
      throw new InvalidValueException("timestamp out of range");
    }
    return t;
  }

  private static Instant instant(Object value) {
    Instant t;
    if (value instanceof Instant i) {
      t = i;
    } else if (value instanceof OffsetDateTime o) {
      t = o.toInstant();
    } else {
      return null;
    }
    // before anything converts it: Instant.MAX, OffsetDateTime.MIN and the like are beyond LocalDateTime
    if (t.getEpochSecond() < MIN_EPOCH_SECOND || t.getEpochSecond() >= END_EPOCH_SECOND) {
      throw new InvalidValueException("timestamp out of range");
    }
    if (t.getNano() % 1000 != 0) {
      return null;
    }
    if (!PgTime.isValidTimestamp(PgTime.micros(t))) {
      throw new InvalidValueException("timestamp out of range");
    }
    return t;
  }

  /** The first second of the first year {@link #checkTimestampYear} lets through, UTC. */
  private static final long MIN_EPOCH_SECOND =
      LocalDate.of(PgTime.MIN_DATE.getYear() - 1, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  /** The first second after the last year {@link #checkTimestampYear} lets through, UTC. */
  /** The instants a {@link LocalDateTime} can hold (UTC): beyond them no date text exists. */
  private static final Instant FIRST_INSTANT = LocalDateTime.MIN.toInstant(ZoneOffset.UTC);
  private static final Instant LAST_INSTANT = LocalDateTime.MAX.toInstant(ZoneOffset.UTC);
  private static final long END_EPOCH_SECOND = LocalDate.of(294_278, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);

  /** Years far outside the range are refused before computing microseconds, which would overflow. */
  private static void checkTimestampYear(int year) {
    if (year < PgTime.MIN_DATE.getYear() - 1 || year > 294_277) {
      throw new InvalidValueException("timestamp out of range");
    }
  }

  /**
   * The text form of a supported value, as a CSV field would hold it: decimal numbers (shortest
   * round-tripping digits for floating point, {@code NaN}, {@code Infinity}), {@code true}/
   * {@code false}, ISO dates and times with a space before the time, every fraction digit kept, an
   * offset for OffsetDateTime and {@code +00} for Instant, {@code BC} for years before 1, the UUID's
   * canonical text, bytes as {@code \x} hex. Null for null.
   *
   * @throws IllegalArgumentException when the class is not {@link #supported}
   */
  public static String text(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Boolean
        || value instanceof UUID) {
      return value.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double d) {
      return FloatText.formatDouble(d);
    }
    if (value instanceof Float f) {
      return FloatText.formatFloat(f);
    }
    if (value instanceof LocalDate d) {
      StringBuilder out = new StringBuilder(16);
      return bc(out, DateTimeFormat.appendDate(out, d));
    }
    if (value instanceof LocalDateTime t) {
      return dateTime(t, null);
    }
    if (value instanceof OffsetDateTime o) {
      return dateTime(o.toLocalDateTime(), o.getOffset().getTotalSeconds());
    }
    if (value instanceof Instant i) {
      if (i.isBefore(FIRST_INSTANT) || i.isAfter(LAST_INSTANT)) {
        return i.toString(); // beyond any date text: no codec reads it, so the value is refused, not the program
      }
      return dateTime(LocalDateTime.ofInstant(i, ZoneOffset.UTC), 0);
    }
    if (value instanceof byte[] bytes) {
      StringBuilder out = new StringBuilder(2 + 2 * bytes.length).append("\\x");
      for (byte b : bytes) {
        out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return out.toString();
    }
    throw new IllegalArgumentException("unsupported value class " + value.getClass().getName() + "; supported: " + SUPPORTED);
  }

  private static String dateTime(LocalDateTime t, Integer offsetSeconds) {
    StringBuilder out = new StringBuilder(48);
    boolean bc = DateTimeFormat.appendDate(out, t.toLocalDate());
    out.append(' ');
    DateTimeFormat.pad(out, t.getHour(), 2).append(':');
    DateTimeFormat.pad(out, t.getMinute(), 2).append(':');
    DateTimeFormat.pad(out, t.getSecond(), 2);
    if (t.getNano() != 0) {
      DateTimeFormat.pad(out.append('.'), t.getNano(), 9);
    }
    if (offsetSeconds != null) {
      DateTimeFormat.appendOffset(out, offsetSeconds);
    }
    return bc(out, bc);
  }

  private static String bc(StringBuilder out, boolean bc) {
    return bc ? out.append(" BC").toString() : out.toString();
  }
}
