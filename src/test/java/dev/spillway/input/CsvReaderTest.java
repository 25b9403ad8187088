package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.bytes;
import static dev.spillway.input.CsvFixtures.readAll;
import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.input.CsvFixtures.Result;
import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.RecordRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CSV/TSV files: the COPY dialect, line numbers, encodings, and malformed records. */
class CsvReaderTest {
  @TempDir
  Path dir;

  private static final CsvFormat CSV = CsvFormat.csv();
  private static final CsvFormat CSV_HEADER = CsvFormat.csv().withHeader(true);

  private static List<String> row(String... values) {
    return Arrays.asList(values);
  }

  @Test
  void anUnquotedEmptyFieldIsNullAndAQuotedOneIsTheEmptyString() {
    Result r = readAll(write(dir, "n.csv", "a,,\"\",x\n,\"\",b,\n"), CSV);
    assertEquals(List.of(row("a", null, "", "x"), row(null, "", "b", null)), r.values());
  }

  @Test
  void quotedFieldsMaySpanLinesAndRecordsCarryTheLineTheyStartOn() {
    String text = "id,text\n"            // 1
        + "1,\"one\ntwo\"\n"             // 2-3
        + "2,plain\n"                    // 4
        + "3,\"a\r\nb\r\n\r\nc\"\n"      // 5-8
        + "4,\"say \"\"hi\"\"\"\n"       // 9
        + "5,\"\n\"\n"                   // 10-11
        + "6,last";                      // 12, no final line break
    Result r = readAll(write(dir, "m.csv", text), CSV_HEADER);
    assertEquals(List.of("id", "text"), r.header());
    assertEquals(List.of(2L, 4L, 5L, 9L, 10L, 12L), r.lines());
    assertEquals(List.of(row("1", "one\ntwo"), row("2", "plain"), row("3", "a\r\nb\r\n\r\nc"), row("4", "say \"hi\""),
        row("5", "\n"), row("6", "last")), r.values());
  }

  @Test
  void crOnlyAndCrlfLineBreaksCountAsOneLineEach() {
    for (String lineBreak : List.of("\r", "\r\n")) {
      String text = String.join(lineBreak, "a", "b", "\"c" + lineBreak + "c\"", "", "d");
      Result r = readAll(write(dir, "cr.csv", text), CSV);
      assertEquals(List.of(row("a"), row("b"), row("c" + lineBreak + "c"), row((String) null), row("d")), r.values());
      assertEquals(List.of(1L, 2L, 3L, 5L, 6L), r.lines());
      assertEquals(List.of(), r.malformed());
    }
  }

  @Test
  void aUtf8ByteOrderMarkIsIgnored() {
    Result r = readAll(write(dir, "bom.csv", bytes(0xEF, 0xBB, 0xBF, "name,size\nx,1\n")), CSV_HEADER);
    assertEquals(List.of("name", "size"), r.header());
    assertEquals(List.of(row("x", "1")), r.values());
    Result noHeader = readAll(write(dir, "bom2.csv", bytes(0xEF, 0xBB, 0xBF, "\"q\",1\n")), CSV);
    assertEquals(List.of(row("q", "1")), noHeader.values());
  }

  @Test
  void latin1IsDecodedAsLatin1() {
    CsvFormat latin1 = CSV.withEncoding(StandardCharsets.ISO_8859_1);
    Result r = readAll(write(dir, "l.csv", bytes("caf", 0xE9, ",", 0xFF, "\n")), latin1);
    assertEquals(List.of(row("café", "ÿ")), r.values());
    assertEquals(List.of(), r.malformed());
  }

  @Test
  void tsvHasNoQuotesAndAnOptionalNullString() {
    Result plain = readAll(write(dir, "t.tsv", "a\t\"b\"\t\n\tx, y\t\"\n"), CsvFormat.tsv());
    assertEquals(List.of(row("a", "\"b\"", null), row(null, "x, y", "\"")), plain.values());

    // an escape applies inside quotes only (COPY's ESCAPE): without quotes it changes nothing; PostgreSQL's
    // text format, with its backslash escapes, is type: text
    CsvFormat escaped = CsvFormat.tsv().withNullString("\\N").withEscape('\\');
    Result text = readAll(write(dir, "t2.tsv", "\\N\t\ta\\tb\tc\\\\d\n"), escaped);
    assertEquals(List.of(row(null, "", "a\\tb", "c\\\\d")), text.values());
  }

  @Test
  void aCustomNullStringMatchesUnquotedFieldsOnly() {
    Result r = readAll(write(dir, "na.csv", "NA,\"NA\",,\"\",NAN\n"), CSV.withNullString("NA"));
    assertEquals(List.of(row(null, "NA", "", "", "NAN")), r.values());
  }

  @Test
  void customDelimiterAndQuote() {
    Result r = readAll(write(dir, "semi.csv", "'a;b';'it''s'\n"), CSV.withDelimiter(';').withQuote('\''));
    assertEquals(List.of(row("a;b", "it's")), r.values());
  }

  @Test
  void withoutHeaderTheFirstRecordSetsTheFieldCount() {
    Path file = write(dir, "h.csv", "\n1,2,3\n4,5\n6,7,8\n");
    Result r = readAll(file, CSV);
    assertEquals(List.of(), r.header());
    assertEquals(3, r.fieldCount());
    assertEquals(List.of(row("1", "2", "3"), row("6", "7", "8")), r.values());
    assertEquals(List.of(
        new MalformedRecord(file, 1, "", "blank line before the first record (a file without header takes its field count "
            + "from its first record)"),
        new MalformedRecord(file, 3, "4,5", "wrong number of fields: 2, expected 3 (as in line 2, the first record)")),
        r.malformed());

    Result empty = readAll(write(dir, "e.csv", ""), CSV);
    assertEquals(0, empty.fieldCount());
    assertEquals(List.of(), empty.records());
  }

  @Test
  void aHeaderSetsTheFieldCountAndIsNotARecord() {
    Result r = readAll(write(dir, "h2.csv", "a,b\n1,2\n"), CSV_HEADER);
    assertEquals(2, r.fieldCount());
    assertEquals(List.of(row("1", "2")), r.values());
    Result headerOnly = readAll(write(dir, "h3.csv", "a,,\"c\"\n"), CSV_HEADER);
    assertEquals(List.of("a", "", "c"), headerOnly.header());
    assertEquals(List.of(), headerOnly.records());
  }

  @Test
  void gzipFilesAreReadTransparentlyAndProgressCountsCompressedBytes() throws Exception {
    StringBuilder text = new StringBuilder("n,s\n");
    for (int i = 0; i < 50_000; i++) {
      text.append(i).append(",\"row ").append(i).append("\"\n");
    }
    Path gz = write(dir, "big.csv.gz", text.toString());
    List<MalformedRecord> malformed = new ArrayList<>();
    try (CsvReader reader = CsvReader.open(gz, CSV_HEADER, malformed::add)) {
      long previous = 0;
      long count = 0;
      for (InputRecord r; (r = reader.next()) != null; count++) {
        assertEquals(String.valueOf(count), r.value(0));
        assertEquals(count + 2, r.line());
        assertTrue(reader.inputBytesRead() >= previous);
        previous = reader.inputBytesRead();
      }
      assertEquals(50_000, count);
      assertEquals(Files.size(gz), reader.inputBytesRead());
      assertEquals(Files.size(gz), reader.inputBytesTotal());
      assertTrue(Files.size(gz) < text.length() / 2, "the file really is compressed");
    }
    assertEquals(List.of(), malformed);
  }

  /** Regression: the record swallowed by an open quote was reported with no text and no extent. */
  @Test
  void anUnterminatedQuoteIsRejectedAtItsStartLineWithItsTextAndTheLinesItSwallowed() {
    Path file = write(dir, "u.csv", "a,b\n1,x\n2,\"open\n3,y\r\n4,z\n");
    Result r = readAll(file, CSV_HEADER);
    assertEquals(List.of(row("1", "x")), r.values());
    assertEquals(List.of(new MalformedRecord(file, 3, "2,\"open\n3,y\r\n4,z",
        "unterminated quoted field from line 3 to end of file (line 5): 3 lines")), r.malformed());
  }

  /** A cut never splits a surrogate pair (a lone half is written as '?' in rejects.csv): the emoji is left out whole. */
  @Test
  void aCutRightInsideAnEmojiLeavesTheEmojiOut() {
    String before = "y".repeat(CsvReader.RAW_TEXT_CHARS - 1);
    Path file = write(dir, "e.csv", "a,b\n" + before + "\uD83D\uDE00z,b,c\n1,\"" + before.substring(2) + "\uD83D\uDE00z\n");
    Result r = readAll(file, CSV_HEADER);
    assertEquals(List.of(before + "…", "1,\"" + before.substring(2) + "…"), r.malformed().stream().map(MalformedRecord::rawText).toList());
  }

  @Test
  void theTextOfASwallowedRecordIsCutAfterAThousandCharacters() {
    Path file = write(dir, "u.csv.gz", "a,b\n1,\"" + "x".repeat(5000) + "\n");
    Result r = readAll(file, CSV_HEADER);
    MalformedRecord m = r.malformed().get(0);
    assertEquals("1,\"" + "x".repeat(CsvReader.RAW_TEXT_CHARS - 3) + "…", m.rawText());
    assertEquals("unterminated quoted field from line 2 to end of file (line 2): 1 lines", m.reason());
  }

  @Test
  void aRecordWithTheWrongFieldCountIsRejectedAndReadingGoesOn() {
    Path file = write(dir, "w.csv", "a,b,c\n1,2,3\n4,\"5,\n5\",6,7\n8,9,10\n11,12\n13,14,15\n");
    Result r = readAll(file, CSV_HEADER);
    assertEquals(List.of(row("1", "2", "3"), row("8", "9", "10"), row("13", "14", "15")), r.values());
    assertEquals(List.of(2L, 5L, 7L), r.lines());
    assertEquals(List.of(new MalformedRecord(file, 3, "4,\"5,\n5\",6,7", "wrong number of fields: 4, expected 3"),
        new MalformedRecord(file, 6, "11,12", "wrong number of fields: 2, expected 3")), r.malformed());
  }

  @Test
  void invalidUtf8RejectsTheRecordHoldingItAndReadingGoesOn() {
    Path file = write(dir, "bad.csv", bytes("a,b\n", "1,ok\n", "2,x", 0xFF, "y\n", "3,\"multi\nli", 0xC3, "ne\"\n", "4,fine\n",
        "5,", 0xE2, 0x82, "\n", "6,trunc", 0xE2, 0x82));
    Result r = readAll(file, CSV_HEADER);
    assertEquals(List.of(row("1", "ok"), row("4", "fine")), r.values());
    assertEquals(List.of(2L, 6L), r.lines());
    assertEquals(List.of(new MalformedRecord(file, 3, "2,x\uFFFDy", "invalid UTF-8"),
        new MalformedRecord(file, 4, "3,\"multi\nli\uFFFDne\"", "invalid UTF-8"),
        new MalformedRecord(file, 7, "5,\uFFFD", "invalid UTF-8"),
        new MalformedRecord(file, 8, "6,trunc\uFFFD", "invalid UTF-8")), r.malformed());
  }

  /** Regression: an empty (0-byte) file with header: true aborted the run; COPY HEADER reads it as no rows. */
  @Test
  void anEmptyFileWithAHeaderFormatIsEmptyNotAnError() {
    Result r = readAll(write(dir, "empty.csv", ""), CSV_HEADER);
    assertEquals(List.of(), r.header());
    assertEquals(List.of(), r.records());
    try (CsvReader reader = CsvReader.open(write(dir, "bom.csv", bytes(0xEF, 0xBB, 0xBF)), CSV_HEADER, m -> { })) {
      assertTrue(reader.empty());
      assertEquals(null, reader.next());
    }
    try (CsvReader reader = CsvReader.open(write(dir, "h.csv", "a\n"), CSV_HEADER, m -> { })) {
      assertEquals(false, reader.empty(), "a header line and no record is not empty");
    }
    CsvFormat comments = CSV.withRules(new RecordRules("#", 0, RecordRules.MissingFields.REJECT, RecordRules.ExtraFields.REJECT));
    try (CsvReader reader = CsvReader.open(write(dir, "c.csv", "#only\n#comments\n"), comments, m -> { })) {
      assertTrue(reader.empty(), "a headerless file of comment lines only has no record: empty");
      assertEquals(2, reader.commentRecordsSkipped());
    }
  }

  @Test
  void aHeaderThatIsNotDecodableOrNotParsableIsAnInputException() {
    Path bad = write(dir, "badheader.csv", bytes("na", 0xFF, "me\n1\n"));
    InputException e = assertThrows(InputException.class, () -> readAll(bad, CSV_HEADER));
    assertEquals(bad + " line 1: invalid UTF-8 in the header line", e.getMessage());
    assertEquals(1, e.line());
    Path open = write(dir, "openheader.csv", "a,\"b\n1,2\n");
    e = assertThrows(InputException.class, () -> readAll(open, CSV_HEADER));
    assertEquals(open + " line 1: cannot read the header line: an unterminated quoted field from line 1 to end of file "
        + "(line 2)", e.getMessage());
  }

  /**
   * Regression: a record past a hard-coded 4 Mi characters aborted the whole run; then a runaway
   * quote past max_record_chars was one reject that silently dropped the rest of the file (exit 0).
   */
  @Test
  void aRunawayQuotePastTheBoundIsAnInputExceptionNamingTheLinesNotRead() {
    StringBuilder text = new StringBuilder("a,b\n1,2\n3,\"open");
    for (int i = 0; i < 20_000; i++) {
      text.append("more text on line ").append(i).append('\n');
    }
    Path file = write(dir, "runaway.csv", text.toString());
    List<InputRecord> records = new ArrayList<>();
    List<MalformedRecord> malformed = new ArrayList<>();
    InputException e = assertThrows(InputException.class, () -> {
      try (CsvReader reader = CsvReader.open(file, CSV_HEADER.withMaxRecordChars(100_000), malformed::add)) {
        for (InputRecord rec; (rec = reader.next()) != null; ) {
          records.add(rec);
        }
      }
    });
    assertEquals(List.of(row("1", "2")), records.stream().map(InputRecord::values).toList());
    assertEquals(List.of(), malformed);
    assertEquals(3, e.line());
    assertEquals(file + " line 3: unterminated quoted field: no closing quote within max_record_chars (100000 characters), "
        + "so lines 3 to 20002 (the end of the file) cannot be read as records; fix the stray quote, or raise "
        + "max_record_chars if one field is that long", e.getMessage());
  }

  /** Regression (A5): one well-formed record over max_record_chars ended its file: every later record was lost. */
  @Test
  void aWellFormedRecordPastTheBoundIsRejectedAloneAndReadingGoesOn() {
    String quotedBig = "\"" + "q,\n".repeat(400) + "\"";
    Path file = write(dir, "long.csv", "k,v\na,1\nb," + "y".repeat(20_000) + "\nc,3\nd," + quotedBig + "\ne,5\n");
    Result r = readAll(file, CSV_HEADER.withMaxRecordChars(1000));
    assertEquals(List.of(row("a", "1"), row("c", "3"), row("e", "5")), r.values());
    assertEquals(List.of(2L, 4L, 406L), r.lines());
    assertEquals(2, r.malformed().size());
    MalformedRecord unquoted = r.malformed().get(0);
    assertEquals(3, unquoted.line());
    assertEquals("record longer than 1000 characters (max_record_chars)", unquoted.reason());
    assertEquals("b," + "y".repeat(CsvReader.RAW_TEXT_CHARS - 2) + "…", unquoted.rawText());
    MalformedRecord quoted = r.malformed().get(1);
    assertEquals(5, quoted.line());
    assertEquals("record longer than 1000 characters (max_record_chars), lines 5 to 405", quoted.reason());
  }

  /** The bound is exact: a record of exactly max_record_chars characters passes, one more is rejected. */
  @Test
  void theBoundIsExactInCharactersWhateverTheBuffering() {
    for (int max : new int[] {10, 1000, 70_000, 200_000}) {
      String fits = "x".repeat(max - 2);
      String over = "z".repeat(max - 1);
      Path file = write(dir, "exact" + max + ".csv", "k,v\n1," + fits + "\n2," + over + "\n\"3\",\"" + "é".repeat(max - 6)
          + "\"\n4,ok\n");
      Result r = readAll(file, CSV_HEADER.withMaxRecordChars(max));
      assertEquals(List.of(row("1", fits), row("3", "é".repeat(max - 6)), row("4", "ok")), r.values(), "max " + max);
      assertEquals(List.of(3L), r.malformed().stream().map(MalformedRecord::line).toList(), "max " + max);
    }
  }

  @Test
  void theDefaultBoundTakesRecordsOfSeveralMebibytes() {
    String big = "y".repeat(5 << 20);
    Result r = readAll(write(dir, "big.csv", "a,b\n1,\"" + big + "\"\n2,z\n"), CSV_HEADER);
    assertEquals(List.of(), r.malformed());
    assertEquals(List.of(row("1", big), row("2", "z")), r.values());
    assertEquals(64L << 20, CsvFormat.csv().maxRecordChars());
  }

  /** Regression: a short first record set the field count of a headerless file, rejecting every good record. */
  @Test
  void withoutHeaderTheHighestPositionThePlanReadsIsTheMinimumFieldCount() {
    Path file = write(dir, "short.csv", "1,2\n3,4,5\n6,7,8\n");
    List<MalformedRecord> malformed = new ArrayList<>();
    List<List<String>> values = new ArrayList<>();
    try (CsvReader reader = CsvReader.open(file, CSV, 3, malformed::add)) {
      assertEquals(3, reader.fieldCount());
      for (InputRecord rec; (rec = reader.next()) != null; ) {
        values.add(rec.values());
      }
    }
    assertEquals(List.of(row("3", "4", "5"), row("6", "7", "8")), values);
    assertEquals(List.of(new MalformedRecord(file, 1, "1,2", "wrong number of fields: 2, expected 3 (the plan reads $3)")),
        malformed);
  }

  /** Regression (C): blank lines in a file of 2+ columns were skipped silently; COPY says "missing data for column". */
  @Test
  void blankLinesAreRejectedAsCopyDoesButInAOneColumnFileTheyAreNullRecords() {
    Path file = write(dir, "b.csv", "a,b\n\n1,2\n\n\n3,4\n\n");
    Result r = readAll(file, CSV_HEADER);
    assertEquals(List.of(row("1", "2"), row("3", "4")), r.values());
    assertEquals(List.of(3L, 6L), r.lines());
    String reason = "blank line: wrong number of fields: 1, expected 2";
    assertEquals(List.of(new MalformedRecord(file, 2, "", reason), new MalformedRecord(file, 4, "", reason),
        new MalformedRecord(file, 5, "", reason), new MalformedRecord(file, 7, "", reason)), r.malformed());
    Result ragged = readAll(write(dir, "b2.csv", "a,b\n\n1,2\n"), CSV_HEADER.withRules(
        new RecordRules(null, 0, RecordRules.MissingFields.NULL, RecordRules.ExtraFields.REJECT)));
    assertEquals(List.of(row((String) null), row("1", "2")), ragged.values(), "missing_fields: null takes a blank line");
    Result one = readAll(write(dir, "one.csv", "tag\nx\n\n\"\"\ny\n"), CSV_HEADER);
    assertEquals(List.of(row("x"), row((String) null), row(""), row("y")), one.values());
    assertEquals(List.of(2L, 3L, 4L, 5L), one.lines());
  }

  @Test
  void trailingTextAfterAClosingQuoteIsKeptAsCopyDoes() {
    Result r = readAll(write(dir, "trail.csv", "\"abc\"x,1\n"), CSV);
    assertEquals(List.of(row("abcx", "1")), r.values());
  }

  @Test
  void aFileThatCannotBeOpenedOrIsNotGzipIsAnInputException() throws Exception {
    Path missing = dir.resolve("missing.csv");
    InputException e = assertThrows(InputException.class, () -> readAll(missing, CSV));
    assertTrue(e.getMessage().startsWith(missing + ": cannot open: " + missing + ": no such file or directory"),
        e.getMessage());
    Path fake = write(dir, "fake.csv.gz", "a,b\n".getBytes(StandardCharsets.UTF_8)); // written gzipped by the fixture
    assertEquals(List.of(row("a", "b")), readAll(fake, CSV).values());
    Path notGzip = dir.resolve("plain.csv.gz");
    Files.writeString(notGzip, "a,b\n");
    e = assertThrows(InputException.class, () -> readAll(notGzip, CSV));
    assertTrue(e.getMessage().contains("Not in GZIP format"), e.getMessage());
  }
}
