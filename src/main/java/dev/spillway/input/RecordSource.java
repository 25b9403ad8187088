package dev.spillway.input;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;

/**
 * An open input file read record by record: the small interface stage one reads every format
 * through ({@link CsvReader} for csv and tsv, {@link TextReader} for PostgreSQL's text format,
 * {@link JsonlReader} for JSON lines; {@link RecordSources} picks one). Malformed records go to the
 * {@link MalformedRecordListener} given at opening and are skipped; failures reading cannot go past
 * throw {@link InputException}. Not thread-safe; close it.
 */
public interface RecordSource extends Closeable {
  /** The file as opened ({@link InputFiles#STDIN} for standard input). */
  Path file();

  /** The header names; empty when the format has none. */
  List<String> header();

  /** Fields per record; see each reader. */
  int fieldCount();

  /** True when the input has no line at all (a warning, not an error). */
  boolean empty();

  /** The next well-formed record, or null at the end of the input. */
  SourceRecord next();

  /** Bytes of the file read so far (compressed bytes for .gz and .zst), for progress. */
  long inputBytesRead();

  /** The file's size in bytes (0 for standard input, whose size is unknown). */
  long inputBytesTotal();

  /**
   * Comment records skipped so far ({@code comment:} in the format), and blank lines under
   * {@code skip_blank_lines: true}: each is a record read and skipped for the source.
   */
  long commentRecordsSkipped();

  @Override
  void close();
}
