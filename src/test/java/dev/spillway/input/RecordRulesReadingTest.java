package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.RecordRules;
import dev.spillway.plan.RecordRules.ExtraFields;
import dev.spillway.plan.RecordRules.MissingFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format's comment, skip_lines, missing_fields and extra_fields, read through {@link CsvReader}. */
class RecordRulesReadingTest {
  @TempDir
  Path dir;

  private static List<String> row(String... values) {
    return Arrays.asList(values);
  }

  private static CsvFormat csv(String comment, int skipLines, MissingFields missing, ExtraFields extra) {
    return CsvFormat.csv().withRules(new RecordRules(comment, skipLines, missing, extra));
  }

  /** What one file reads as, plus the reader's comment count. */
  record Read(List<String> header, List<List<String>> values, List<Long> lines, List<String> malformed, long comments) {}

  private Read read(String text, CsvFormat format, int minFields) {
    List<MalformedRecord> malformed = new ArrayList<>();
    try (CsvReader reader = CsvReader.open(write(dir, "f.csv", text), format, minFields, malformed::add)) {
      List<List<String>> values = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      for (InputRecord r; (r = reader.next()) != null; ) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < reader.fieldCount(); i++) {
          v.add(r.value(i));
        }
        values.add(v);
        lines.add(r.line());
      }
      return new Read(reader.header(), values, lines,
          malformed.stream().map(m -> m.line() + ": " + m.reason()).toList(), reader.commentRecordsSkipped());
    }
  }

  @Test
  void commentLinesAreSkippedAndCountedWithExactLineNumbers() {
    String text = "# header comment\n"          // 1
        + "a,b\n"                               // 2 header
        + "#x,\"unbalanced\n"                   // 3 comment, its quote means nothing
        + "1,\"two\n#not a comment\"\n"         // 4-5: a quoted field's continuation line is data
        + "  # indented,is data\n"              // 6
        + "#\r\n"                               // 7 comment of just the marker, CRLF
        + "\"#quoted\",3\n"                     // 8 quoted: data
        + "\n"                                  // 9 blank: a reject (COPY: missing data for column "b")
        + "#last";                              // 10 comment without final line break
    Read r = read(text, csv("#", 0, MissingFields.REJECT, ExtraFields.REJECT).withHeader(true), 0);
    assertEquals(List.of("a", "b"), r.header());
    assertEquals(List.of(row("1", "two\n#not a comment"), row("  # indented", "is data"), row("#quoted", "3")), r.values());
    assertEquals(List.of(4L, 6L, 8L), r.lines());
    assertEquals(List.of("9: blank line: wrong number of fields: 1, expected 2"), r.malformed());
    assertEquals(4, r.comments(), "lines 1, 3, 7, 10");
  }

  @Test
  void aCommentLineOfACrlfFileMayHoldAStrayCr() {
    Read r = read("a,b\r\n#a\rb\r\n1,2\r\n", csv("#", 0, MissingFields.REJECT, ExtraFields.REJECT).withHeader(true), 0);
    assertEquals(List.of(row("1", "2")), r.values());
    assertEquals(List.of(3L), r.lines());
    assertEquals(List.of(), r.malformed());
    assertEquals(1, r.comments());
  }

  @Test
  void aMultiCharacterCommentMarkerAndPrefixesOfIt() {
    Read r = read("//c\n/x\n/\n//\nab\n", csv("//", 0, MissingFields.REJECT, ExtraFields.REJECT), 0);
    assertEquals(List.of(row("/x"), row("/"), row("ab")), r.values());
    assertEquals(List.of(2L, 3L, 5L), r.lines());
    assertEquals(2, r.comments());
  }

  @Test
  void skipLinesComeBeforeTheHeaderAndAreNotRecords() {
    String text = "title line, \"with an open quote\n"
        + "\n"
        + "k,v\n"
        + "1,x\n";
    Read r = read(text, csv(null, 2, MissingFields.REJECT, ExtraFields.REJECT).withHeader(true), 0);
    assertEquals(List.of("k", "v"), r.header());
    assertEquals(List.of(row("1", "x")), r.values());
    assertEquals(List.of(4L), r.lines());
    assertEquals(0, r.comments());
  }

  @Test
  void missingFieldsNullAndExtraFieldsIgnore() {
    String text = "a\tb\tc\n"
        + "a\tb\n"
        + "a\tb\tc\td\n"
        + "a\n";
    CsvFormat tsv = CsvFormat.tsv();
    Read strict = read(text, tsv.withRules(new RecordRules(null, 0, MissingFields.REJECT, ExtraFields.REJECT)), 0);
    assertEquals(List.of(row("a", "b", "c")), strict.values());
    assertEquals(List.of("2: wrong number of fields: 2, expected 3 (as in line 1, the first record)",
        "3: wrong number of fields: 4, expected 3 (as in line 1, the first record)",
        "4: wrong number of fields: 1, expected 3 (as in line 1, the first record)"), strict.malformed());

    Read ragged = read(text, tsv.withRules(new RecordRules(null, 0, MissingFields.NULL, ExtraFields.IGNORE)), 3);
    assertEquals(List.of(row("a", "b", "c"), row("a", "b", null), row("a", "b", "c"), row("a", null, null)), ragged.values());
    assertEquals(List.of(), ragged.malformed());

    Read ignore = read(text, tsv.withRules(new RecordRules(null, 0, MissingFields.REJECT, ExtraFields.IGNORE)), 2);
    assertEquals(List.of(row("a", "b"), row("a", "b"), row("a", "b")), ignore.values(), "expects what the plan reads ($2)");
    assertEquals(List.of("4: wrong number of fields: 1, expected 2 (the plan reads $2)"), ignore.malformed());
  }
}
