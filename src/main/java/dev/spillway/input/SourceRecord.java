package dev.spillway.input;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One well-formed record of an input file, whatever its format: fields by 0-based index (resolved
 * once per file by the plan's binding), null for SQL NULL. As an {@code IntFunction<String>} it is
 * its own field lookup ({@link #apply} = {@link #value}). A CSV record's fields are its columns; a
 * JSON line's are the values of the source's JSON paths ({@link JsonRecord}).
 */
public interface SourceRecord extends IntFunction<String> {
  /** The file the record was read from. */
  Path file();

  /** The 1-based line where the record starts. */
  long line();

  int fieldCount();

  /** The field at 0-based {@code index}; null for SQL NULL. */
  String value(int index);

  @Override
  default String apply(int index) {
    return value(index);
  }

  /** All fields, nulls included (a copy, for tests and messages). */
  List<String> values();
}
