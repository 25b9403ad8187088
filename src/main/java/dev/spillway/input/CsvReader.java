package dev.spillway.input;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.io.CountingInputStream;
import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.RecordRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one CSV/TSV input file record by record with Apache Commons CSV, in the dialect of a
 * {@link CsvFormat} (by default PostgreSQL's {@code COPY (FORMAT csv)}; see
 * {@link CommonsCsvFormats}). Layers, bottom up: the file's bytes as {@link InputFiles} opens them
 * (counted, gunzipped or zstd-decompressed by name), {@link DecodingReader} (strict decoding, BOM, line bookkeeping, the record
 * length bound), Commons CSV.
 *
 * <p>Records: {@link #next()} returns well-formed records only, each with the line it starts on.
 * A record is malformed, handed to the {@link MalformedRecordListener} and skipped when it holds
 * bytes invalid in the file's encoding ({@code invalid UTF-8}) or has another field count than
 * expected: {@code wrong number of fields: 7, expected 8}. The expected count is the header's; a
 * file without header takes the first record's, but never fewer than the highest {@code $N} the
 * plan reads ({@code minFields}), and the reason says which: {@code expected 3 (the plan reads $3)}
 * or {@code expected 3 (as in line 1, the first record)}.
 *
 * <p>Two failures end the file, since the parser cannot find the next record after them: a
 * quoted field still open at the end of the file, and a record longer than the format's
 * {@code maxRecordChars} (which keeps a runaway quoted field off the heap). Each is one malformed
 * record at the line where it starts, whose raw text is the first {@value #RAW_TEXT_CHARS}
 * characters from that line (read again from the file, see {@link RecordText}) and whose reason
 * says how many lines it swallowed:
 * {@code unterminated quoted field from line 14 to end of file (line 16): 3 lines} or
 * {@code record longer than 1000 characters (max_record_chars; ...) from line 14: the rest of the
 * file, to line 5000 (4987 lines), is not read}.
 *
 * <p>Format rules ({@link RecordRules}): the first {@code skip_lines} lines and comment lines are
 * blanked by a {@link LineFilterReader} under the parser (only when the format has them) and left
 * out here, comment records counted ({@link #commentRecordsSkipped()}); with {@code missing_fields:
 * null} a shorter record is well-formed (its absent fields read as NULL), with {@code extra_fields:
 * ignore} a longer one (a headerless file then expects the highest {@code $N} the plan reads).
 *
 * <p>Blank lines are skipped and counted, except in a one-column file, where a blank line is a
 * record whose field is empty (NULL by default), as in COPY. A file without a single line (0
 * bytes, or only a BOM) is {@linkplain #empty() empty}: with a header format it has no header and
 * reads as zero records, as {@code COPY ... HEADER} does.
 *
 * <p>Failures that reading cannot go past (I/O errors, a corrupt gzip stream, a header line that
 * cannot be parsed or decoded) throw {@link InputException} naming the file and line. Not
 * thread-safe; close it.
 */
public final class CsvReader implements RecordSource {
  /** Characters of a swallowed record shown as its raw value in rejects. */
  public static final int RAW_TEXT_CHARS = 1000;

  private final Path file;
  private final InputBytes input;
  private final CsvFormat format;
  private final MalformedRecordListener listener;
  /** A file without header has at least this many fields: the highest $N the plan reads. */
  private final int minFields;
  private final CountingInputStream counted;
  private final DecodingReader decoded;
  /** blanks skipped and comment lines before the parser; null when the format has neither (no cost). */
  private final LineFilterReader lineFilter;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  /** the header names; empty without header. */
  private final List<String> header;
  /** the file holds no line at all (no header, no record). */
  private boolean empty;
  /** fields per record: the header's size, else the first record's or minFields; -1 until known. */
  private int fieldCount = -1;
  /** Why records must have fieldCount fields, for reject reasons; "" with a header. */
  private String fieldCountOrigin = "";
  /** a record read ahead to learn the field count of a headerless file. */
  private InputRecord peeked;
  private boolean finished;
  private long blankLinesSkipped;
  private long malformedRecords;
  private long commentRecordsSkipped;

  private CsvReader(InputBytes input, CsvFormat format, int minFields, MalformedRecordListener listener) throws IOException {
    this.file = input.file();
    this.input = input;
    this.format = format;
    this.listener = listener;
    this.minFields = minFields;
    try {
      this.counted = input.counted();
      this.decoded = new DecodingReader(input.plain(), format.encoding(), format.maxRecordChars());
      this.lineFilter = format.rules().filtersLines() ? new LineFilterReader(decoded, format) : null;
      this.parser = CommonsCsvFormats.of(format).parse(lineFilter == null ? decoded : lineFilter);
      this.records = parser.iterator();
      this.header = format.header() ? readHeader() : List.of();
      if (format.header()) {
        fieldCount = header.size();
      } else {
        peeked = read();
        empty = peeked == null && malformedRecords == 0 && blankLinesSkipped == 0 && fieldCount < 0;
        fieldCount = Math.max(fieldCount, 0);
      }
    } catch (IOException | RuntimeException e) {
      input.close();
      throw e;
    }
  }

  /** Opens {@code file} for a plan that reads no {@code $N}; see {@link #open(Path, CsvFormat, int, MalformedRecordListener)}. */
  public static CsvReader open(Path file, CsvFormat format, MalformedRecordListener listener) {
    return open(file, format, 0, listener);
  }

  /**
   * Opens {@code file} and reads its header (or, without header, its first record to learn the
   * field count). Throws {@link InputException} when the file cannot be opened or its header read.
   *
   * @param minFields the highest {@code $N} the plan reads from the file (0 for none): a headerless
   *                  file's records need at least that many fields
   */
  public static CsvReader open(Path file, CsvFormat format, int minFields, MalformedRecordListener listener) {
    return open(InputFiles.filesOnly().open(file, false), format, minFields, listener);
  }

  /** Reads already opened {@code input}; see {@link #open(Path, CsvFormat, int, MalformedRecordListener)}. */
  public static CsvReader open(InputBytes input, CsvFormat format, int minFields, MalformedRecordListener listener) {
    checkArgument(minFields >= 0, "minFields < 0: %s", minFields);
    try {
      return new CsvReader(input, format, minFields, listener);
    } catch (IOException e) {
      throw new InputException(input.file(), 0, "cannot open: " + e, e);
    }
  }

  @Override
  public Path file() {
    return file;
  }

  /** The header names (a NULL name reads as ""); empty when the format has no header. */
  @Override
  public List<String> header() {
    return header;
  }

  /**
   * Fields per record: the header's size, or (without header) the first record's but at least
   * {@code minFields}; 0 for an empty headerless file.
   */
  @Override
  public int fieldCount() {
    return fieldCount;
  }

  /** True when the file has no line at all: no header, no record (a warning, not an error). */
  @Override
  public boolean empty() {
    return empty;
  }

  /** The next well-formed record, or null at the end of the file. */
  @Override
  public InputRecord next() {
    if (peeked != null) {
      InputRecord r = peeked;
      peeked = null;
      return r;
    }
    return read();
  }

  /** Bytes of the file read so far (compressed bytes for .gz), for progress against {@link #inputBytesTotal()}. */
  @Override
  public long inputBytesRead() {
    return counted.getCount();
  }

  /** The file's size in bytes (0 for standard input). */
  @Override
  public long inputBytesTotal() {
    return input.sizeBytes();
  }

  /**
   * Comment records skipped so far ({@code comment:} in the format): each one is a record read and
   * skipped for the source. Lines of {@code skip_lines} are not records and not counted.
   */
  @Override
  public long commentRecordsSkipped() {
    return commentRecordsSkipped;
  }

  /** Blank lines skipped so far (not records: they carry no data). */
  public long blankLinesSkipped() {
    return blankLinesSkipped;
  }

  private List<String> readHeader() {
    CSVRecord first;
    long line;
    do {
      line = parser.getCurrentLineNumber() + 1;
      try {
        first = records.hasNext() ? records.next() : null;
      } catch (UncheckedIOException e) {
        throw new InputException(file, line, "cannot read the header line: " + problem(e.getCause()), e.getCause());
      }
    } while (first != null && filtered(line, parser.getCurrentLineNumber()));
    if (first == null) {
      empty = true;
      finished = true;
      return List.of();
    }
    if (decoded.claimInvalid(line, parser.getCurrentLineNumber())) {
      throw new InputException(file, line, "invalid " + encodingName() + " in the header line", null);
    }
    decoded.claimEmpty(line, parser.getCurrentLineNumber());
    decoded.markRecordBoundary();
    List<String> names = new ArrayList<>(first.size());
    first.forEach(name -> names.add(name == null ? "" : name));
    return List.copyOf(names);
  }

  /** Reads on to the next well-formed record, reporting malformed ones; null at the end. */
  private InputRecord read() {
    while (!finished) {
      long startLine = parser.getCurrentLineNumber() + 1;
      CSVRecord record = parse(startLine);
      if (record == null) {
        finished = true;
        return null;
      }
      long endLine = parser.getCurrentLineNumber();
      if (lineFilter != null && filtered(startLine, endLine)) {
        continue;
      }
      decoded.markRecordBoundary();
      boolean invalid = decoded.claimInvalid(startLine, endLine);
      boolean blank = decoded.claimEmpty(startLine, endLine) && startLine == endLine;
      if (blank && fieldCount != 1) {
        blankLinesSkipped++;
        continue;
      }
      if (fieldCount < 0 && format.rules().extraFields() == RecordRules.ExtraFields.IGNORE && minFields > 0) {
        fieldCount = minFields; // ragged: what the plan reads is what a record must have
        fieldCountOrigin = " (the plan reads $" + minFields + ")";
      }
      if (fieldCount < 0) {
        fieldCount = Math.max(record.size(), minFields);
        fieldCountOrigin = record.size() >= minFields ? " (as in line " + startLine + ", the first record)"
            : " (the plan reads $" + minFields + ")";
      }
      if (invalid) {
        malformed(startLine, record, "invalid " + encodingName());
      } else if (!format.rules().accepts(record.size(), fieldCount)) {
        malformed(startLine, record, "wrong number of fields: " + record.size() + ", expected " + fieldCount
            + fieldCountOrigin);
      } else {
        return new InputRecord(file, startLine, record);
      }
    }
    return null;
  }

  /**
   * Whether the record on lines {@code startLine..endLine} is a line the format leaves out (one of
   * the first skip_lines, or a comment: counted); claims its queued state either way.
   */
  private boolean filtered(long startLine, long endLine) {
    if (lineFilter == null) {
      return false;
    }
    boolean comment = lineFilter.claimComment(startLine, endLine);
    if (startLine != endLine || !comment && startLine > format.rules().skipLines()) {
      return false;
    }
    decoded.markRecordBoundary();
    decoded.claimInvalid(startLine, endLine);
    decoded.claimEmpty(startLine, endLine);
    if (comment) {
      commentRecordsSkipped++;
    }
    return true;
  }

  /**
   * The next Commons CSV record, null at the end; a quoted field open at the end of the input or a
   * record past the length bound ends the file as one malformed record (see the class comment).
   */
  private CSVRecord parse(long startLine) {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      if (cause instanceof DecodingReader.RecordTooLongException) {
        long lastLine = endFile(startLine, cause);
        swallowed(startLine, cause.getMessage() + " from line " + startLine + ": the rest of the file, to line " + lastLine
            + " (" + (lastLine - startLine + 1) + " lines), is not read");
        return null;
      }
      if (cause instanceof CSVException && decoded.endDelivered() && String.valueOf(cause.getMessage()).contains("EOF")) {
        long lastLine = endFile(startLine, cause);
        String what = cause.getMessage().contains("encapsulated token") ? "unterminated quoted field"
            : "malformed CSV (" + cause.getMessage() + ")";
        swallowed(startLine, what + " from line " + startLine + " to end of file (line " + lastLine + "): "
            + (lastLine - startLine + 1) + " lines");
        return null;
      }
      throw new InputException(file, startLine, problem(cause), cause);
    }
  }

  /** Reads to the end of the input, counting lines only; returns the file's last line. */
  private long endFile(long startLine, IOException failure) {
    finished = true;
    try {
      return Math.max(decoded.drainToEnd(), startLine);
    } catch (IOException e) {
      e.addSuppressed(failure);
      throw new InputException(file, startLine, "cannot read on after a malformed record: " + e, e);
    }
  }

  /** Reports the record from {@code startLine} that took the rest of the file with it. */
  private void swallowed(long startLine, String reason) {
    String text;
    try {
      text = InputFiles.isStdin(file) ? RecordText.NOT_READ_AGAIN : RecordText.from(file, format, startLine, RAW_TEXT_CHARS);
    } catch (IOException e) {
      throw new InputException(file, startLine, "cannot read the malformed record again to report it: " + e, e);
    }
    malformedRecords++;
    listener.malformed(new MalformedRecord(file, startLine, text, reason));
  }

  private static String problem(IOException cause) {
    return cause instanceof DecodingReader.RecordTooLongException ? cause.getMessage()
        : cause instanceof CSVException ? "malformed CSV: " + cause.getMessage() : "cannot read: " + cause;
  }

  private void malformed(long line, CSVRecord record, String reason) {
    List<String> values = new ArrayList<>(record.size());
    record.forEach(values::add);
    malformedRecords++;
    listener.malformed(new MalformedRecord(file, line, CsvText.record(values, format), reason));
  }

  private String encodingName() {
    return format.encoding().equals(StandardCharsets.UTF_8) ? "UTF-8" : format.encoding().name();
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot close: " + e, e);
    }
  }
}
