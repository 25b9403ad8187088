package dev.spillway.input;

import dev.spillway.pgbinary.JavaValues;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One record handed in by code for a source fed from code ({@code name:} without {@code file:}):
 * its fields in the order {@link CodeFields} laid out for the source, as Java values. Its "file" is
 * the source's name and its "line" the record's 1-based sequence number within the source, which
 * is what rejects.csv shows for it. Text forms are computed once, when first asked for. Not
 * thread-safe (the text forms are cached).
 */
public final class CodeRecord implements SourceRecord, TypedFields {
  /** the source's name, standing where a file record has its file. */
  private final Path source;
  /** 1-based sequence number of the record within its source. */
  private final long sequence;
  /** the fields as handed in; null = SQL NULL; classes are {@link JavaValues#supported}. */
  private final Object[] values;
  /** text forms by index, filled on first use; null entries not computed yet (or NULL). */
  private final String[] texts;

  CodeRecord(String sourceName, long sequence, Object[] values) {
    this.source = Path.of(sourceName);
    this.sequence = sequence;
    this.values = values;
    this.texts = new String[values.length];
  }

  /** The source's name, as a path (where a file record names its file). */
  @Override
  public Path file() {
    return source;
  }

  /** The record's 1-based sequence number within its source. */
  @Override
  public long line() {
    return sequence;
  }

  @Override
  public int fieldCount() {
    return values.length;
  }

  /** The field's text form ({@link JavaValues#text}); null for SQL NULL and for a field beyond the record. */
  @Override
  public String value(int index) {
    if (index >= values.length) {
      return null;
    }
    String text = texts[index];
    if (text == null && values[index] != null) {
      text = JavaValues.text(values[index]);
      texts[index] = text;
    }
    return text;
  }

  @Override
  public Object typed(int index) {
    return index < values.length ? values[index] : null;
  }

  @Override
  public List<String> values() {
    String[] all = new String[values.length];
    Arrays.setAll(all, this::value);
    return Collections.unmodifiableList(Arrays.asList(all));
  }

  @Override
  public String toString() {
    return source + " record " + sequence + ": " + values();
  }
}
