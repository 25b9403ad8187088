package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.plan.CsvFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skip_blank_lines: true}: an empty line (as an extra one at the end of many exports) is
 * skipped and counted as a skipped record, like a comment, in csv and text, where COPY (and the
 * default) reads it as one empty field; a line of white space or an empty quoted field is data.
 */
class SkipBlankLinesTest {
  @TempDir
  Path dir;

  /** What a file reads as through {@link RecordSources}, as stage one reads it. */
  record Read(List<List<String>> values, List<Long> lines, List<String> malformed, long skipped) {}

  private Read read(String name, String text, CsvFormat format) {
    Path file = write(dir, name, text);
    List<MalformedRecord> malformed = new ArrayList<>();
    try (RecordSource reader = RecordSources.open(InputFiles.filesOnly().open(file, false),
        SourceFixtures.source(file, format), 0, malformed::add)) {
      List<List<String>> values = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      for (SourceRecord r; (r = reader.next()) != null; ) {
        values.add(r.values());
        lines.add(r.line());
      }
      return new Read(values, lines, malformed.stream().map(m -> m.line() + ": " + m.reason()).toList(),
          reader.commentRecordsSkipped());
    }
  }

  private static CsvFormat skipping(CsvFormat format) {
    return format.withRules(format.rules().withSkipBlankLines(true));
  }

  @Test
  void csvBlankLinesAreSkippedRecords() {
    String text = "\na,b\n1,2\n\n\n3,\"\n\"\n \n\"\",x\n\n";
    Read r = read("b.csv", text, skipping(CsvFormat.csv().withHeader(true)));
    // lines 1 (before the header), 4, 5 and 10 are blank; line 6-7's quoted line break is data
    assertEquals(List.of(List.of("1", "2"), List.of("3", "\n"), List.of("", "x")), r.values());
    assertEquals(List.of(3L, 6L, 9L), r.lines());
    assertEquals(List.of("8: wrong number of fields: 1, expected 2"), r.malformed(), "white space is not blank");
    assertEquals(4, r.skipped());

    Read crlf = read("c.csv", "a,b\r\n1,2\r\n\r\n3,4\r\n", skipping(CsvFormat.csv().withHeader(true)));
    assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), crlf.values(), "a blank line of a CRLF file");
    assertEquals(1, crlf.skipped());
    Read strayCr = read("d.csv", "a,b\n1,2\n\r\n3,4\n", skipping(CsvFormat.csv().withHeader(true)));
    assertEquals(List.of("3: unquoted carriage return found in data (the file's lines end with LF; COPY fails the whole"
        + " file here)"), strayCr.malformed(), "a CR alone in an LF file is not a blank line but COPY's error");

    Read strict = read("a.csv", "a,b\n1,2\n\n", CsvFormat.csv().withHeader(true));
    assertEquals(List.of("3: blank line: wrong number of fields: 1, expected 2"), strict.malformed(), "the default: as COPY");
    assertEquals(0, strict.skipped());
  }

  @Test
  void aHeaderlessOrOneColumnCsvSkipsBlankLinesToo() {
    Read headerless = read("c.csv", "\n1,2\n\n3,4\n", skipping(CsvFormat.csv()));
    assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), headerless.values());
    assertEquals(List.of(), headerless.malformed(), "no blank line before the first record");
    assertEquals(2, headerless.skipped());

    Read one = read("d.csv", "tag\nx\n\n\"\"\ny\n\n", skipping(CsvFormat.csv().withHeader(true)));
    assertEquals(List.of(List.of("x"), List.of(""), List.of("y")), one.values(), "no NULL row for a blank line");
    assertEquals(2, one.skipped());
  }

  @Test
  void textBlankLinesAreSkippedRecords() {
    String text = "\nk\tv\n1\ta\n\n2\tb\n\\N\n\n";
    Read r = read("e.txt", text, skipping(CsvFormat.text().withHeader(true)));
    assertEquals(List.of(List.of("1", "a"), List.of("2", "b")), r.values());
    assertEquals(List.of(3L, 5L), r.lines());
    assertEquals(List.of("6: wrong number of fields: 1, expected 2"), r.malformed(), "\\N is not blank");
    assertEquals(3, r.skipped(), "lines 1, 4 and 7");

    Read strict = read("f.txt", "k\tv\n1\ta\n\n", CsvFormat.text().withHeader(true));
    assertEquals(List.of("3: blank line: wrong number of fields: 1, expected 2"), strict.malformed());
    assertEquals(0, strict.skipped());
  }
}
