package dev.spillway.input;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.io.CountingInputStream;
import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.RecordRules;
import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one CSV/TSV input file record by record, in the dialect of a {@link CsvFormat}: by default
 * PostgreSQL's {@code COPY (FORMAT csv)}, and always COPY's rules for quotes and the escape
 * character ({@link CsvRecordParser}). Layers, bottom up: the file's bytes as {@link InputFiles}
 * opens them (counted, gunzipped or zstd-decompressed by name), {@link DecodingReader} (strict
 * decoding, BOM, invalid bytes by line), {@link LineFilterReader} (skip_lines, comments; only when
 * the format has them), {@link CsvRecordParser}.
 *
 * <p>Records: {@link #next()} returns well-formed records only, each with the line it starts on.
 * A record is malformed, handed to the {@link MalformedRecordListener} and skipped when it holds
 * bytes invalid in the file's encoding ({@code invalid UTF-8}) or has another field count than
 * expected: {@code wrong number of fields: 7, expected 8}, or has a line break of another style than the
 * file's first one outside quotes ({@code unquoted carriage return found in data ...}, where COPY
 * fails the whole file; reading goes on at the record's proper line break). The expected count is the header's; a
 * file without header takes the first record's, but never fewer than the highest {@code $N} the
 * plan reads ({@code minFields}), and the reason says which: {@code expected 3 (the plan reads $3)}
 * or {@code expected 3 (as in line 1, the first record)}.
 *
 * <p>A blank line is what COPY reads: a record of one empty field (NULL by default). In a
 * one-column file it is a record; otherwise it has too few fields and is malformed
 * ({@code blank line: wrong number of fields: 1, expected 2}; COPY says {@code missing data for
 * column}), unless {@code missing_fields: null} takes it. A blank line before the first record of
 * a file without header, which would set the field count, is malformed too. With
 * {@code skip_blank_lines: true} a blank line (before the header too) is skipped instead and counted
 * with the comments ({@link #commentRecordsSkipped()}).
 *
 * <p>A record longer than the format's {@code maxRecordChars} (exactly: its characters, without
 * its final line break) is malformed ({@code record longer than 1000 characters
 * (max_record_chars), lines 14 to 15}) and reading goes on with the next record: the parser reads
 * it to its end by COPY's rules without keeping it. A quoted field still open at the end of the
 * file ends the file: within the bound it is one malformed record whose reason says how many lines
 * it took ({@code unterminated quoted field from line 14 to end of file (line 16): 3 lines});
 * past the bound (no closing quote within {@code max_record_chars} characters) it is an
 * {@link InputException}: the rest of the file was never read as records, and the run must not
 * look complete. The raw text of such records is their fields as read up to the bound, cut after
 * {@value #RAW_TEXT_CHARS} characters.
 *
 * <p>Format rules ({@link RecordRules}): the first {@code skip_lines} lines and comment lines are
 * blanked by a {@link LineFilterReader} under the parser (only when the format has them) and left
 * out here, comment records counted ({@link #commentRecordsSkipped()}); with {@code missing_fields:
 * null} a shorter record is well-formed (its absent fields read as NULL), with {@code extra_fields:
 * ignore} a longer one (a headerless file then expects the highest {@code $N} the plan reads). A
 * file without a single line (0 bytes, or only a BOM) is {@linkplain #empty() empty}: with a
 * header format it has no header and reads as zero records, as {@code COPY ... HEADER} does.
 *
 * <p>Failures that reading cannot go past (I/O errors, a corrupt gzip stream, a header line that
 * cannot be parsed or decoded, a runaway quoted field) throw {@link InputException} naming the
 * file and line. Not thread-safe; close it.
 */
public final class CsvReader implements RecordSource {
  /** Characters of a malformed record shown as its raw value in rejects. */
  public static final int RAW_TEXT_CHARS = 1000;

  private final Path file;
  private final InputBytes input;
  private final CsvFormat format;
  private final MalformedRecordListener listener;
  /** A file without header has at least this many fields: the highest $N the plan reads. */
  private final int minFields;
  private final CountingInputStream counted;
  private final DecodingReader decoded;
  /** skipped and comment lines blanked before the parser; null when the format has neither (no cost). */
  private final LineFilterReader lineFilter;
  private final CsvRecordParser parser;
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
  private long malformedRecords;
  private long commentRecordsSkipped;

  private CsvReader(InputBytes input, CsvFormat format, int minFields, MalformedRecordListener listener) {
    this.file = input.file();
    this.input = input;
    this.format = format;
    this.listener = listener;
    this.minFields = minFields;
    try {
      this.counted = input.counted();
      this.decoded = new DecodingReader(input.plain(), format.encoding());
      this.lineFilter = format.rules().filtersLines() ? new LineFilterReader(decoded, format) : null;
      this.parser = new CsvRecordParser(lineFilter == null ? decoded : lineFilter, format, format.maxRecordChars());
      this.header = format.header() ? readHeader() : List.of();
      if (format.header()) {
        fieldCount = header.size();
      } else {
        peeked = read();
        empty = peeked == null && malformedRecords == 0 && fieldCount < 0; // comment lines only is empty too
        fieldCount = Math.max(fieldCount, 0);
      }
    } catch (RuntimeException e) {
      try {
        input.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
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
    return new CsvReader(input, format, minFields, listener);
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
   * Comment records skipped so far ({@code comment:} in the format), and blank lines under
   * {@code skip_blank_lines}: each one is a record read and skipped for the source. Lines of
   * {@code skip_lines} are not records and not counted.
   */
  @Override
  public long commentRecordsSkipped() {
    return commentRecordsSkipped;
  }

  private List<String> readHeader() {
    CsvRecordParser.Outcome outcome;
    do {
      outcome = parse();
    } while (outcome != CsvRecordParser.Outcome.END && (filtered() || skippedBlank(outcome)));
    long line = parser.startLine();
    switch (outcome) {
      case END -> {
        empty = true;
        finished = true;
        return List.of();
      }
      case RECORD -> {
        if (decoded.claimInvalid(line, parser.endLine())) {
          throw new InputException(file, line, "invalid " + encodingName() + " in the header line", null);
        }
        List<String> names = new ArrayList<>(parser.fields().length);
        for (String name : parser.fields()) {
          names.add(name == null ? "" : name);
        }
        return List.copyOf(names);
      }
      case BAD_LINE_BREAK -> throw new InputException(file, line, "cannot read the header line: " + parser.badLineBreak(), null);
      case TOO_LONG -> throw new InputException(file, line, "cannot read the header line: longer than "
          + format.maxRecordChars() + " characters (max_record_chars)", null);
      default -> throw new InputException(file, line, "cannot read the header line: an unterminated quoted field from line "
          + line + " to end of file (line " + parser.endLine() + ")", null);
    }
  }

  /** Reads on to the next well-formed record, reporting malformed ones; null at the end. */
  private InputRecord read() {
    while (!finished) {
      CsvRecordParser.Outcome outcome = parse();
      if (outcome == CsvRecordParser.Outcome.END) {
        finished = true;
        return null;
      }
      if (lineFilter != null && filtered() || skippedBlank(outcome)) {
        continue;
      }
      long startLine = parser.startLine();
      long endLine = parser.endLine();
      boolean invalid = decoded.claimInvalid(startLine, endLine);
      switch (outcome) {
        case TOO_LONG -> {
          malformed(startLine, parser.partialText(), "record longer than " + format.maxRecordChars()
              + " characters (max_record_chars)" + (startLine == endLine ? "" : ", lines " + startLine + " to " + endLine));
          continue;
        }
        case BAD_LINE_BREAK -> {
          malformed(startLine, parser.fields(), invalid ? "invalid " + encodingName() : parser.badLineBreak());
          continue;
        }
        case UNTERMINATED -> {
          finished = true;
          malformed(startLine, parser.partialText(), "unterminated quoted field from line " + startLine
              + " to end of file (line " + endLine + "): " + (endLine - startLine + 1) + " lines");
          return null;
        }
        case RUNAWAY -> {
          finished = true;
          throw new InputException(file, startLine, "unterminated quoted field: no closing quote within max_record_chars ("
              + format.maxRecordChars() + " characters), so lines " + startLine + " to " + endLine + " (the end of the file) "
              + "cannot be read as records; fix the stray quote, or raise max_record_chars if one field is that long", null);
        }
        default -> { }
      }
      String[] fields = parser.fields();
      boolean blank = parser.blank();
      if (blank && fieldCount < 0 && !invalid) {
        malformed(startLine, "", "blank line before the first record (a file without header takes its field count from "
            + "its first record)");
        continue;
      }
      if (fieldCount < 0 && format.rules().extraFields() == RecordRules.ExtraFields.IGNORE && minFields > 0) {
        fieldCount = minFields; // ragged: what the plan reads is what a record must have
        fieldCountOrigin = " (the plan reads $" + minFields + ")";
      }
      if (fieldCount < 0) {
        fieldCount = Math.max(fields.length, minFields);
        fieldCountOrigin = fields.length >= minFields ? " (as in line " + startLine + ", the first record)"
            : " (the plan reads $" + minFields + ")";
      }
      if (invalid) {
        malformed(startLine, fields, "invalid " + encodingName());
      } else if (!format.rules().accepts(fields.length, fieldCount)) {
        malformed(startLine, fields, (blank ? "blank line: " : "") + "wrong number of fields: " + fields.length
            + ", expected " + fieldCount + fieldCountOrigin);
      } else {
        return new InputRecord(file, startLine, fields);
      }
    }
    return null;
  }

  /**
   * Whether the record just parsed is a line the format leaves out (one of the first skip_lines,
   * or a comment: counted); claims its queued state either way.
   */
  private boolean filtered() {
    if (lineFilter == null) {
      return false;
    }
    long startLine = parser.startLine();
    long endLine = parser.endLine();
    boolean comment = lineFilter.claimComment(startLine, endLine);
    if (startLine != endLine || !parser.blank() || !comment && startLine > format.rules().skipLines()) {
      return false;
    }
    decoded.claimInvalid(startLine, endLine);
    if (comment) {
      commentRecordsSkipped++;
    }
    return true;
  }

  /** Whether the record just parsed is a blank line that {@code skip_blank_lines} leaves out (counted as skipped). */
  private boolean skippedBlank(CsvRecordParser.Outcome outcome) {
    if (outcome != CsvRecordParser.Outcome.RECORD || !parser.blank() || !format.rules().skipBlankLines()) {
      return false;
    }
    decoded.claimInvalid(parser.startLine(), parser.endLine());
    commentRecordsSkipped++;
    return true;
  }

  /** The parser's next outcome; an I/O failure is an {@link InputException}. */
  private CsvRecordParser.Outcome parse() {
    try {
      return parser.next();
    } catch (IOException e) {
      throw new InputException(file, parser.nextLine(), "cannot read: " + IoErrors.describe(e), e);
    }
  }

  private void malformed(long line, String[] fields, String reason) {
    malformed(line, CsvText.record(Arrays.asList(fields), format, RAW_TEXT_CHARS), reason);
  }

  private void malformed(long line, String text, String reason) {
    malformedRecords++;
    listener.malformed(new MalformedRecord(file, line, text, reason));
  }

  private String encodingName() {
    return format.encoding().equals(StandardCharsets.UTF_8) ? "UTF-8" : format.encoding().name();
  }

  @Override
  public void close() {
    try {
      decoded.close();
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot close: " + IoErrors.describe(e), e);
    }
  }
}
