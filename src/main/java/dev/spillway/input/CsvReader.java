package dev.spillway.input;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.io.CountingInputStream;
import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.SourceSpec;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one CSV/TSV input file record by record with Apache Commons CSV, in the dialect of a
 * {@link CsvFormat} (by default PostgreSQL's {@code COPY (FORMAT csv)}; see
 * {@link CommonsCsvFormats}). Layers, bottom up: the file, a byte counter (progress), gunzip for
 * {@code .gz} names, {@link DecodingReader} (strict decoding, BOM, line bookkeeping), Commons CSV.
 *
 * <p>Records: {@link #next()} returns well-formed records only, each with the line it starts on.
 * A record is malformed, handed to the {@link MalformedRecordListener} and skipped when it holds
 * bytes invalid in the file's encoding ({@code invalid UTF-8}) or has another field count than the
 * header (or, without header, than the first record): {@code wrong number of fields: 7, expected 8}.
 * A quoted field still open at the end of the file is reported as {@code unterminated quoted
 * field} at the line it starts on, and the file ends there (everything after it is inside it).
 * Blank lines are skipped and counted, except in a one-column file, where a blank line is a record
 * whose field is empty (NULL by default), as in COPY.
 *
 * <p>Failures that reading cannot go past (I/O errors, a corrupt gzip stream, a header line that
 * is missing or not decodable, a record longer than {@code maxRecordChars}) throw
 * {@link InputException} naming the file and line. Not thread-safe; close it.
 */
public final class CsvReader implements Closeable {
  /** The default bound on one record's length, which keeps a runaway quoted field off the heap. */
  public static final long DEFAULT_MAX_RECORD_CHARS = 4L << 20;

  private final Path file;
  private final CsvFormat format;
  private final MalformedRecordListener listener;
  private final CountingInputStream counted;
  private final DecodingReader decoded;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  /** the header names; empty without header. */
  private final List<String> header;
  /** fields per record: the header's size, else the first record's; -1 until known. */
  private int fieldCount = -1;
  /** a record read ahead to learn the field count of a headerless file. */
  private InputRecord peeked;
  private boolean finished;
  private long blankLinesSkipped;
  private long malformedRecords;

  private CsvReader(Path file, CsvFormat format, MalformedRecordListener listener, long maxRecordChars) throws IOException {
    this.file = file;
    this.format = format;
    this.listener = listener;
    InputStream raw = Files.newInputStream(file);
    try {
      this.counted = new CountingInputStream(raw);
      InputStream bytes = SourceSpec.isGzip(file) ? new GZIPInputStream(counted, 64 * 1024) : counted;
      this.decoded = new DecodingReader(bytes, format.encoding(), maxRecordChars);
      this.parser = CommonsCsvFormats.of(format).parse(decoded);
      this.records = parser.iterator();
      this.header = format.header() ? readHeader() : List.of();
      if (format.header()) {
        fieldCount = header.size();
      } else {
        peeked = read();
        fieldCount = Math.max(fieldCount, 0);
      }
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Opens {@code file} with the default record length bound. */
  public static CsvReader open(Path file, CsvFormat format, MalformedRecordListener listener) {
    return open(file, format, listener, DEFAULT_MAX_RECORD_CHARS);
  }

  /**
   * Opens {@code file} and reads its header (or, without header, its first record to learn the
   * field count). Throws {@link InputException} when the file cannot be opened or its header read.
   */
  public static CsvReader open(Path file, CsvFormat format, MalformedRecordListener listener, long maxRecordChars) {
    checkArgument(maxRecordChars > 0, "maxRecordChars <= 0: %s", maxRecordChars);
    try {
      return new CsvReader(file, format, listener, maxRecordChars);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot open: " + e, e);
    }
  }

  public Path file() {
    return file;
  }

  /** The header names (a NULL name reads as ""); empty when the format has no header. */
  public List<String> header() {
    return header;
  }

  /** Fields per record: the header's size, or the first record's; 0 for an empty headerless file. */
  public int fieldCount() {
    return fieldCount;
  }

  /** The next well-formed record, or null at the end of the file. */
  public InputRecord next() {
    if (peeked != null) {
      InputRecord r = peeked;
      peeked = null;
      return r;
    }
    return read();
  }

  /** Bytes of the file read so far (compressed bytes for .gz), for progress against {@link #inputBytesTotal()}. */
  public long inputBytesRead() {
    return counted.getCount();
  }

  /** The file's size in bytes. */
  public long inputBytesTotal() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot stat: " + e, e);
    }
  }

  /** Blank lines skipped so far (not records: they carry no data). */
  public long blankLinesSkipped() {
    return blankLinesSkipped;
  }

  /** Records handed to the listener so far. */
  public long malformedRecords() {
    return malformedRecords;
  }

  private List<String> readHeader() {
    CSVRecord first = parse(1);
    if (first == null) {
      throw new InputException(file, 1, "no header line: the file is empty", null);
    }
    if (decoded.claimInvalid(1, parser.getCurrentLineNumber())) {
      throw new InputException(file, 1, "invalid " + encodingName() + " in the header line", null);
    }
    decoded.claimEmpty(1, parser.getCurrentLineNumber());
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
      decoded.markRecordBoundary();
      boolean invalid = decoded.claimInvalid(startLine, endLine);
      boolean blank = decoded.claimEmpty(startLine, endLine) && startLine == endLine;
      if (blank && fieldCount != 1) {
        blankLinesSkipped++;
        continue;
      }
      if (fieldCount < 0) {
        fieldCount = record.size();
      }
      if (invalid) {
        malformed(startLine, record, "invalid " + encodingName());
      } else if (record.size() != fieldCount) {
        malformed(startLine, record, "wrong number of fields: " + record.size() + ", expected " + fieldCount);
      } else {
        return new InputRecord(file, startLine, counted.getCount(), record);
      }
    }
    return null;
  }

  /** The next Commons CSV record, null at the end; a parse error at the end of input ends the file. */
  private CSVRecord parse(long startLine) {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      if (cause instanceof CSVException && decoded.endDelivered() && String.valueOf(cause.getMessage()).contains("EOF")) {
        finished = true;
        String reason = cause.getMessage().contains("encapsulated token") ? "unterminated quoted field" : "malformed CSV: " + cause.getMessage();
        malformedRecords++;
        listener.malformed(new MalformedRecord(file, startLine, "", reason));
        return null;
      }
      String problem = cause instanceof DecodingReader.RecordTooLongException ? cause.getMessage()
          : cause instanceof CSVException ? "malformed CSV: " + cause.getMessage() : "cannot read: " + cause;
      throw new InputException(file, startLine, problem, cause);
    }
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
