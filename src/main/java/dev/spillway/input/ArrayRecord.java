package dev.spillway.input;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A record whose fields are already decoded into an array (PostgreSQL text format lines).
 * Immutable once made (the reader hands the array over).
 */
final class ArrayRecord implements SourceRecord {
  private final Path file;
  /** the 1-based line where the record starts. */
  private final long line;
  /** the fields; null entries are SQL NULL. */
  private final String[] fields;

  ArrayRecord(Path file, long line, String[] fields) {
    this.file = file;
    this.line = line;
    this.fields = fields;
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public long line() {
    return line;
  }

  @Override
  public int fieldCount() {
    return fields.length;
  }

  /** The field at {@code index}; NULL for one the record lacks (a format with {@code missing_fields: null}). */
  @Override
  public String value(int index) {
    return index < fields.length ? fields[index] : null;
  }

  @Override
  public List<String> values() {
    return Collections.unmodifiableList(Arrays.asList(fields.clone()));
  }

  @Override
  public String toString() {
    return file + " line " + line + ": " + values();
  }
}
