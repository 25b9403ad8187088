package dev.spillway.pgbinary;

/**
 * Converts one PostgreSQL type between its text form (CSV input, {@code cat} output) and its binary
 * COPY field payload. One small implementation per type; obtain them from {@link CodecRegistry}
 * once per column at plan time, never inside a row loop.
 *
 * <p>Values are plain Java objects whose class each codec documents (Long for bigint, String for
 * text, BigDecimal or {@link NumericSpecial} for numeric, ...; the full table is in the package
 * documentation). A codec never sees SQL NULL: NULL is the field length -1 and is handled by the
 * row encoder ({@link TupleEncoder}). {@link #encode} expects values made by {@link #parse} or
 * {@link #decode} of the same codec, which have passed all checks.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Codec {

  ColumnType type();

  /**
   * Parses and validates Postgres text input for this type. Throws {@link InvalidValueException}
   * with a short reason the rejects file can show, such as {@code integer out of range},
   * {@code NUL byte in text} or {@code value too long for type character varying(10)}.
   */
  Object parse(String text);

  /** Appends the binary COPY payload of a non-null value (without the int32 length prefix). */
  void encode(Object value, ByteSink out);

  /**
   * Decodes a payload of exactly {@code length} bytes starting at {@code offset}. Bytes come from
   * untrusted files: throws {@link InvalidValueException} on a malformed payload, never an
   * unchecked exception from a bad index or a huge allocation.
   */
  Object decode(byte[] buf, int offset, int length);

  /**
   * Renders a value as the type's output function prints it (DateStyle ISO, IntervalStyle
   * postgres, bytea hex): what {@code COPY ... TO} in text format and psql show, and text the
   * server's input function reads back to the same value. This equals {@code ::text} except for
   * boolean ({@code t}/{@code f}, where {@code ::text} says {@code true}) and {@code char(n)} (kept
   * blank-padded, where {@code ::text} strips trailing spaces).
   */
  String format(Object value);

  /**
   * The value's key form, the text natural keys are compared by: two values of this type have the
   * same key form exactly when the type's default btree equality (the {@code =} a unique index on
   * the column uses) says they are equal. For most types that is {@link #format}, whose output is
   * one-to-one on values; types whose equality is coarser than their output override it:
   * {@code numeric} ({@code 100.50 = 100.5}, {@code -0 = 0}), {@code real} and {@code double
   * precision} ({@code -0 = 0}, every NaN equal), {@code interval} ({@code 1 mon = 30 days =
   * 720:00:00}), {@code jsonb} (numbers inside compare as numeric) and arrays of these (element by
   * element). Never shown to users: messages print {@link #format} or the input as written.
   */
  default String keyText(Object value) {
    return format(value);
  }
}
