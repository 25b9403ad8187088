package dev.spillway.input;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.RecordRules;
import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one input file in PostgreSQL's text format ({@code COPY ... (FORMAT text)}, format type
 * {@code text}) record by record. Layers, bottom up: the bytes as {@link InputFiles} opens them,
 * {@link TextLines} (line breaks, backslash-newline, the {@code \.} end marker, the line length
 * bound), {@link TextFields} (delimiter, null string, escapes, decoding). A record is one line;
 * the records are what COPY would load, field for field.
 *
 * <p>Where COPY fails the whole load, this reader rejects one record (to the
 * {@link MalformedRecordListener}) and goes on with the next line: a line break of another style
 * than the first line's, a corrupt end marker, a zero byte or an invalid byte sequence in a field,
 * another field count than expected ({@code wrong number of fields: 2, expected 3}), a line longer
 * than {@code max_record_chars} (counted in bytes here). Lines that follow the end marker are not
 * read, as COPY does not read them, but they are not dropped silently: they are one malformed
 * record ({@code 2 line(s) after the end-of-copy marker \. on line 7 are not read}).
 *
 * <p>Format rules as in {@link CsvReader}: the first {@code skip_lines} physical lines are not read,
 * a line starting with the {@code comment} text is a comment record (counted), and
 * {@code missing_fields: null} / {@code extra_fields: ignore} let shorter / longer records through.
 *
 * <p>Field counts, blank lines and headers as in {@link CsvReader}: the header's size, else the
 * first record's (at least {@code minFields}); a blank line is one empty (not NULL) field, as in
 * COPY: a record in a one-column file, a malformed one otherwise ({@code blank line: wrong number of
 * fields: 1, expected 2}; COPY says {@code missing data for column}), unless {@code skip_blank_lines:
 * true} skips it (before the header too) as a comment record. Not thread-safe; close it.
 */
public final class TextReader implements RecordSource {
  private final InputBytes input;
  private final CsvFormat format;
  private final MalformedRecordListener listener;
  private final int minFields;
  private final TextLines lines;
  private final TextFields fields;
  /** turns a line of a non-UTF-8 file into UTF-8 before its escapes are read; null for UTF-8 files. */
  private final Transcoder transcoder;
  private final List<String> header;
  /** the input has no line at all. */
  private final boolean empty;
  /** fields per record; -1 until the first record sets it (headerless). */
  private int fieldCount = -1;
  private String fieldCountOrigin = "";
  /** a record read ahead to learn the field count of a headerless file. */
  private SourceRecord peeked;
  private boolean finished;
  /** the comment text's bytes in the file's encoding; null without {@code comment:}. */
  private final byte[] commentBytes;
  private long commentRecordsSkipped;
  /** why the last {@link #split} returned null. */
  private String splitProblem;

  private TextReader(InputBytes input, CsvFormat format, int minFields, MalformedRecordListener listener) {
    this.input = input;
    this.format = format;
    this.listener = listener;
    this.minFields = minFields;
    this.lines = new TextLines(input.plain(), format.maxRecordChars());
    this.fields = new TextFields(format.delimiter(), format.nullString());
    this.transcoder = format.encoding().equals(StandardCharsets.UTF_8) ? null : new Transcoder(format.encoding());
    this.commentBytes = format.rules().comment() == null ? null : format.rules().comment().getBytes(format.encoding());
    if (format.header()) {
      this.header = readHeader();
      this.empty = header == null;
      fieldCount = header == null ? 0 : header.size();
    } else {
      this.header = null;
      peeked = read();
      this.empty = peeked == null && lines.nextLine() == 1;
      fieldCount = Math.max(fieldCount, 0);
    }
  }

  /** Opens a text-format input and reads its header (or first record); see the class comment. */
  public static TextReader open(InputBytes input, CsvFormat format, int minFields, MalformedRecordListener listener) {
    checkArgument(format.type() == CsvFormat.Type.TEXT, "not a text format: %s", format.type());
    checkArgument(minFields >= 0, "minFields < 0: %s", minFields);
    try {
      return new TextReader(input, format, minFields, listener);
    } catch (RuntimeException e) {
      try {
        input.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  @Override
  public Path file() {
    return input.file();
  }

  @Override
  public List<String> header() {
    return header == null ? List.of() : header;
  }

  @Override
  public int fieldCount() {
    return fieldCount;
  }

  @Override
  public boolean empty() {
    return empty;
  }

  @Override
  public SourceRecord next() {
    if (peeked != null) {
      SourceRecord r = peeked;
      peeked = null;
      return r;
    }
    return read();
  }

  @Override
  public long inputBytesRead() {
    return input.counted().getCount();
  }

  @Override
  public long inputBytesTotal() {
    return input.sizeBytes();
  }

  /** The header's names (a NULL name reads as ""), or null when the input has no line. */
  private List<String> readHeader() {
    while (true) {
      if (!nextLine()) {
        finished = true;
        return null;
      }
      if (lines.startLine() <= format.rules().skipLines()) {
        continue;
      }
      if (!isComment() && !skippedBlank()) {
        break;
      }
      commentRecordsSkipped++;
    }
    String[] names = lines.problem() == null && !lines.tooLong() ? split() : null;
    if (names == null) {
      String why = lines.tooLong() ? "longer than " + format.maxRecordChars() + " bytes (max_record_chars)"
          : lines.problem() != null ? lines.problem() : splitProblem;
      throw new InputException(file(), lines.startLine(), "cannot read the header line: " + why, null);
    }
    return Arrays.stream(names).map(n -> n == null ? "" : n).toList();
  }

  /** Reads on to the next well-formed record, reporting malformed ones; null at the end. */
  private SourceRecord read() {
    while (!finished) {
      if (!nextLine()) {
        finished = true;
        reportLinesAfterEndMarker();
        return null;
      }
      long line = lines.startLine();
      if (line <= format.rules().skipLines()) {
        continue;
      }
      if (isComment() || skippedBlank()) {
        commentRecordsSkipped++;
        continue;
      }
      if (lines.blank() && fieldCount < 0) {
        malformed(line, "blank line before the first record (a file without header takes its field count from its first "
            + "record)");
        continue;
      }
      if (lines.tooLong()) {
        malformed(line, "record longer than " + format.maxRecordChars() + " bytes (max_record_chars)");
        continue;
      }
      if (lines.problem() != null) {
        malformed(line, lines.problem());
        continue;
      }
      String[] values = split();
      if (values == null) {
        malformed(line, splitProblem);
        continue;
      }
      if (fieldCount < 0 && format.rules().extraFields() == RecordRules.ExtraFields.IGNORE && minFields > 0) {
        fieldCount = minFields; // ragged: what the plan reads is what a record must have
        fieldCountOrigin = " (the plan reads $" + minFields + ")";
      }
      if (fieldCount < 0) {
        fieldCount = Math.max(values.length, minFields);
        fieldCountOrigin = values.length >= minFields ? " (as in line " + line + ", the first record)"
            : " (the plan reads $" + minFields + ")";
      }
      if (!format.rules().accepts(values.length, fieldCount)) {
        malformed(line, (lines.blank() ? "blank line: " : "") + "wrong number of fields: " + values.length + ", expected "
            + fieldCount + fieldCountOrigin);
        continue;
      }
      return new ArrayRecord(file(), line, values);
    }
    return null;
  }

  /** The current line's fields, or null with {@link #splitProblem} set. */
  private String[] split() {
    byte[] bytes = lines.bytes();
    int length = lines.length();
    if (transcoder != null) {
      if (!transcoder.toUtf8(bytes, length)) {
        splitProblem = "invalid " + format.encoding().name();
        return null;
      }
      bytes = transcoder.bytes();
      length = transcoder.length();
    }
    String[] values = fields.split(bytes, length);
    splitProblem = values == null ? fields.problem() : null;
    return values;
  }

  /** Whether the current line is blank and {@code skip_blank_lines} leaves it out (a skipped record, as a comment). */
  private boolean skippedBlank() {
    return format.rules().skipBlankLines() && lines.blank();
  }

  /** Whether the current line starts with the format's comment text (in the file's encoding). */
  private boolean isComment() {
    return commentBytes != null && lines.length() >= commentBytes.length
        && Arrays.equals(lines.bytes(), 0, commentBytes.length, commentBytes, 0, commentBytes.length);
  }

  @Override
  public long commentRecordsSkipped() {
    return commentRecordsSkipped;
  }

  private boolean nextLine() {
    try {
      return lines.next();
    } catch (IOException e) {
      throw new InputException(file(), lines.nextLine(), "cannot read: " + IoErrors.describe(e), e);
    }
  }

  private void reportLinesAfterEndMarker() {
    long markerLine = lines.nextLine() - 1;
    long after;
    try {
      after = lines.linesAfterEndMarker();
    } catch (IOException e) {
      throw new InputException(file(), markerLine, "cannot read on after the end-of-copy marker: " + IoErrors.describe(e), e);
    }
    if (after > 0) {
      listener.malformed(new MalformedRecord(file(), markerLine + 1, "", after + " line(s) after the end-of-copy marker \\. "
          + "on line " + markerLine + " are not read (COPY does not read them either)"));
    }
  }

  private void malformed(long line, String reason) {
    String text = new String(lines.bytes(), 0, Math.min(lines.length(), CsvReader.RAW_TEXT_CHARS), format.encoding());
    listener.malformed(new MalformedRecord(file(), line, lines.length() > CsvReader.RAW_TEXT_CHARS ? text + MalformedRecord.CUT : text,
        reason));
  }

  @Override
  public void close() {
    try {
      lines.close();
    } catch (IOException e) {
      throw new InputException(file(), 0, "cannot close: " + IoErrors.describe(e), e);
    }
  }
}
