package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.bytes;
import static dev.spillway.input.CsvFixtures.readAll;
import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.input.CsvFixtures.Result;
import dev.spillway.plan.CsvFormat;
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
        + "4,\"say \"\"hi\"\"\"\r\n"     // 9
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
    Result r = readAll(write(dir, "cr.csv", "a\r\nb\rc\r\r\nd\n"), CSV);
    assertEquals(List.of(row("a"), row("b"), row("c"), row((String) null), row("d")), r.values());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.lines());
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

    CsvFormat postgresText = CsvFormat.tsv().withNullString("\\N").withEscape('\\');
    Result text = readAll(write(dir, "t2.tsv", "\\N\t\ta\\tb\tc\\\\d\n"), postgresText);
    assertEquals(List.of(row(null, "", "a\tb", "c\\d")), text.values());
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
    Result r = readAll(write(dir, "h.csv", "\n1,2,3\n4,5\n6,7,8\n"), CSV);
    assertEquals(List.of(), r.header());
    assertEquals(3, r.fieldCount());
    assertEquals(List.of(row("1", "2", "3"), row("6", "7", "8")), r.values());
    assertEquals(List.of(new MalformedRecord(r.records().get(0).file(), 3, "4,5",
        "wrong number of fields: 2, expected 3 (as in line 2, the first record)")), r.malformed());
    assertEquals(1, r.blankLines());

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
  }

  @Test
  void aHeaderThatIsNotDecodableOrNotParsableIsAnInputException() {
    Path bad = write(dir, "badheader.csv", bytes("na", 0xFF, "me\n1\n"));
    InputException e = assertThrows(InputException.class, () -> readAll(bad, CSV_HEADER));
    assertEquals(bad + " line 1: invalid UTF-8 in the header line", e.getMessage());
    assertEquals(1, e.line());
    Path open = write(dir, "openheader.csv", "a,\"b\n1,2\n");
    e = assertThrows(InputException.class, () -> readAll(open, CSV_HEADER));
    assertTrue(e.getMessage().startsWith(open + " line 1: cannot read the header line: malformed CSV"), e.getMessage());
  }

  /** Regression: a record past a hard-coded 4 Mi characters aborted the whole run. */
  @Test
  void aRecordPastTheBoundIsRejectedAndEndsItsFileInsteadOfFailing() {
    StringBuilder text = new StringBuilder("a,b\n1,2\n3,\"open");
    for (int i = 0; i < 20_000; i++) {
      text.append("more text on line ").append(i).append('\n');
    }
    Path file = write(dir, "runaway.csv", text.toString());
    Result r = readAll(file, CSV_HEADER.withMaxRecordChars(100_000));
    assertEquals(List.of(row("1", "2")), r.values());
    assertEquals(1, r.malformed().size());
    MalformedRecord m = r.malformed().get(0);
    assertEquals(3, m.line());
    assertEquals("record longer than 100000 characters (max_record_chars; an unterminated quoted field?) from line 3: "
        + "the rest of the file, to line 20002 (20000 lines), is not read", m.reason());
    assertTrue(m.rawText().startsWith("3,\"openmore text on line 0\nmore text on line 1\n") && m.rawText().endsWith("…"),
        m.rawText());
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

  @Test
  void blankLinesAreSkippedButInAOneColumnFileTheyAreNullRecords() {
    Result r = readAll(write(dir, "b.csv", "a,b\n\n1,2\n\n\n3,4\n\n"), CSV_HEADER);
    assertEquals(List.of(row("1", "2"), row("3", "4")), r.values());
    assertEquals(List.of(3L, 6L), r.lines());
    assertEquals(4, r.blankLines());
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
    assertTrue(e.getMessage().startsWith(missing + ": cannot open: java.nio.file.NoSuchFileException"), e.getMessage());
    Path fake = write(dir, "fake.csv.gz", "a,b\n".getBytes(StandardCharsets.UTF_8)); // written gzipped by the fixture
    assertEquals(List.of(row("a", "b")), readAll(fake, CSV).values());
    Path notGzip = dir.resolve("plain.csv.gz");
    Files.writeString(notGzip, "a,b\n");
    e = assertThrows(InputException.class, () -> readAll(notGzip, CSV));
    assertTrue(e.getMessage().contains("Not in GZIP format"), e.getMessage());
  }
}
