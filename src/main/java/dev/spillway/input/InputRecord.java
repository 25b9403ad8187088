package dev.spillway.input;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One well-formed input record: exactly the file's field count, decoded without invalid bytes.
 * Fields are read by 0-based index (resolved once per file by the plan's binding); null is SQL
 * NULL. Immutable. A CSV record: see {@link SourceRecord}.
 */
public final class InputRecord implements SourceRecord {
  /** the file the record was read from. */
  private final Path file;
  /** the 1-based line where the record starts (a quoted field may span lines). */
  private final long line;
  /** the parsed fields; null entries are SQL NULL (the reader hands the array over). */
  private final String[] fields;

  InputRecord(Path file, long line, String[] fields) {
    this.file = file;
    this.line = line;
    this.fields = fields;
  }

  @Override
  public Path file() {
    return file;
  }

  /** The 1-based line where the record starts. */
  @Override
  public long line() {
    return line;
  }

  @Override
  public int fieldCount() {
    return fields.length;
  }

  /**
   * The field at 0-based {@code index}; null for SQL NULL, and for a field the record lacks (only a
   * source with {@code missing_fields: null} lets such a record through).
   */
  @Override
  public String value(int index) {
    return index < fields.length ? fields[index] : null;
  }

  /** All fields, nulls included (a copy, for tests and messages). */
  @Override
  public List<String> values() {
    return Collections.unmodifiableList(Arrays.asList(fields.clone()));
  }

  @Override
  public String toString() {
    return file + " line " + line + ": " + values();
  }
}
