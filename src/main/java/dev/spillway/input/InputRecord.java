package dev.spillway.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * One well-formed input record: exactly the file's field count, decoded without invalid bytes.
 * Fields are read by 0-based index (resolved once per file by the plan's binding); null is SQL
 * NULL. Immutable.
 */
public final class InputRecord {
  /** the file the record was read from. */
  private final Path file;
  /** the 1-based line where the record starts (a quoted field may span lines). */
  private final long line;
  /** bytes of the file read when this record was returned (compressed bytes for .gz): progress only. */
  private final long inputBytesRead;
  /** the parsed fields. */
  private final CSVRecord fields;

  InputRecord(Path file, long line, long inputBytesRead, CSVRecord fields) {
    this.file = file;
    this.line = line;
    this.inputBytesRead = inputBytesRead;
    this.fields = fields;
  }

  public Path file() {
    return file;
  }

  /** The 1-based line where the record starts. */
  public long line() {
    return line;
  }

  /**
   * Bytes of the file consumed so far (compressed bytes for {@code .gz}), for progress: the reader
   * reads ahead, so this is at or past the end of this record.
   */
  public long inputBytesRead() {
    return inputBytesRead;
  }

  public int fieldCount() {
    return fields.size();
  }

  /** The field at 0-based {@code index}; null for SQL NULL. */
  public String value(int index) {
    return fields.get(index);
  }

  /** All fields, nulls included (a copy, for tests and messages). */
  public List<String> values() {
    List<String> values = new ArrayList<>(fields.size());
    fields.forEach(values::add);
    return values;
  }

  @Override
  public String toString() {
    return file + " line " + line + ": " + values();
  }
}
