package dev.spillway.input;

/**
 * Fields that hold Java values handed in by code, not only text: {@link SourceRecord#value} gives
 * each one's text form ({@code pgbinary.JavaValues#text}), {@link #typed} the value itself, which a
 * row builder encodes with the column's codec without a text round trip where its class fits the
 * column type. Implemented by {@link CodeRecord}.
 */
public interface TypedFields {
  /** The field at 0-based {@code index} as handed in (a String, Long, LocalDate, ...); null for SQL NULL. */
  Object typed(int index);
}
