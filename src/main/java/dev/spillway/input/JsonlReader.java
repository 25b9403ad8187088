package dev.spillway.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.JsonPath;
import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a JSON lines file ({@code format.type: jsonl}): one JSON value per line, UTF-8. Layers,
 * bottom up: the bytes as {@link InputFiles} opens them, {@link JsonLines} (lines, BOM, CRLF, the
 * {@code max_record_chars} bound counted in bytes), Jackson's streaming parser over each line's
 * bytes, {@link SourceJsonTree} (one tree per record, numbers and objects kept as written), {@link JsonRecord} (the
 * values of the source's compiled JSON paths). No tree is ever built for more than one line.
 *
 * <p>A line that is not exactly one JSON value is malformed: handed to the listener with the file,
 * its line and the parser's reason ({@code malformed JSON: Unexpected character ('}' (code 125)):
 * was expecting double-quote to start field name (column 9)}), and reading goes on with the next
 * line; so is a line longer than {@code max_record_chars} ({@code record longer than 100 bytes
 * (max_record_chars)}) and one holding invalid UTF-8 (Jackson's {@code Invalid UTF-8 ...}). Blank
 * lines are skipped, and so are the first {@code skip_lines} lines and lines starting with the
 * {@code comment} text (comment records, counted). Strings may be as long as {@code max_record_chars}; nesting deeper than
 * {@value #MAX_NESTING_DEPTH} levels is malformed. Not thread-safe; close it.
 */
public final class JsonlReader implements RecordSource {
  /** Deepest nesting a record may have (Jackson's default bound). */
  static final int MAX_NESTING_DEPTH = 1000;

  private final InputBytes input;
  private final CsvFormat format;
  private final JsonPath[] paths;
  private final MalformedRecordListener listener;
  private final JsonFactory factory;
  private final JsonLines lines;
  /** the input had no line at all. */
  private final boolean empty;
  /** the comment text in UTF-8; null without {@code comment:}. */
  private final byte[] commentBytes;
  private long commentRecordsSkipped;
  /** a record read ahead when opening, to tell an empty input. */
  private SourceRecord peeked;

  private JsonlReader(InputBytes input, CsvFormat format, List<JsonPath> paths, MalformedRecordListener listener) {
    this.input = input;
    this.format = format;
    this.paths = paths.toArray(JsonPath[]::new);
    this.listener = listener;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, Math.max(format.maxRecordChars(), 1000)))
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .build())
        .build();
    this.lines = new JsonLines(input.plain(), format.maxRecordChars());
    this.commentBytes = format.rules().comment() == null ? null : format.rules().comment().getBytes(StandardCharsets.UTF_8);
    this.peeked = read();
    this.empty = peeked == null && lines.nextLine() == 1;
  }

  /**
   * Opens a JSON lines input.
   *
   * @param paths the source's JSON paths ({@code SourceSpec.jsonPaths()}): field i of each record is path i's value
   */
  public static JsonlReader open(InputBytes input, CsvFormat format, List<JsonPath> paths, MalformedRecordListener listener) {
    try {
      return new JsonlReader(input, format, paths, listener);
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

  /** None: a JSON line has no header. */
  @Override
  public List<String> header() {
    return List.of();
  }

  /** The number of JSON paths the source reads. */
  @Override
  public int fieldCount() {
    return paths.length;
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

  @Override
  public long commentRecordsSkipped() {
    return commentRecordsSkipped;
  }

  private SourceRecord read() {
    while (nextLine()) {
      if (lines.lineNumber() <= format.rules().skipLines()) {
        continue;
      }
      if (commentBytes != null && lines.length() >= commentBytes.length
          && Arrays.equals(lines.bytes(), 0, commentBytes.length, commentBytes, 0, commentBytes.length)) {
        commentRecordsSkipped++;
        continue;
      }
      if (lines.tooLong()) {
        malformed("record longer than " + format.maxRecordChars() + " bytes (max_record_chars)");
        continue;
      }
      if (lines.blank()) {
        continue;
      }
      JsonNode root;
      try {
        root = parse();
      } catch (JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
        malformed("malformed JSON: " + e.getOriginalMessage() + where);
        continue;
      } catch (IOException e) {
        malformed("malformed JSON: " + e.getMessage());
        continue;
      }
      if (root == null) {
        malformed("more than one JSON value on the line");
        continue;
      }
      return new JsonRecord(file(), lines.lineNumber(), root, paths);
    }
    return null;
  }

  /**
   * The line's one value; null when more follows it on the line. Parsed from a copy of the line,
   * which its objects and arrays keep as their text ({@link SourceJsonTree}).
   */
  private JsonNode parse() throws IOException {
    byte[] line = Arrays.copyOf(lines.bytes(), lines.length());
    try (JsonParser parser = factory.createParser(line, 0, line.length)) {
      parser.nextToken();
      JsonNode root = SourceJsonTree.read(parser, line);
      return parser.nextToken() == null ? root : null;
    }
  }

  private boolean nextLine() {
    try {
      return lines.next();
    } catch (IOException e) {
      throw new InputException(file(), lines.nextLine(), "cannot read: " + IoErrors.describe(e), e);
    }
  }

  private void malformed(String reason) {
    int shown = Math.min(lines.length(), CsvReader.RAW_TEXT_CHARS);
    String text = new String(lines.bytes(), 0, shown, StandardCharsets.UTF_8);
    listener.malformed(new MalformedRecord(file(), lines.lineNumber(),
        lines.length() > shown || lines.tooLong() ? text + MalformedRecord.CUT : text, reason));
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
