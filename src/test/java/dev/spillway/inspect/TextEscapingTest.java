package dev.spillway.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The quoting rules of the CSV and TSV layouts, value by value (the round trip through the server is CatRoundTripTest). */
class TextEscapingTest {
  private static String csv(String value) throws IOException {
    StringBuilder out = new StringBuilder();
    CsvLayout.field(value, false, out);
    return out.toString();
  }

  private static String tsv(String value) throws IOException {
    StringBuilder out = new StringBuilder();
    TsvLayout.escaped(value, out);
    return out.toString();
  }

  @Test
  void csvQuotesOnlyWhatCopyNeedsQuoted() throws IOException {
    assertEquals("plain", csv("plain"));
    assertEquals("\"\"", csv(""), "an empty string is quoted: unquoted empty is NULL");
    assertEquals("\"a,b\"", csv("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", csv("say \"hi\""));
    assertEquals("\"line\nbreak\"", csv("line\nbreak"));
    assertEquals("\"cr\rhere\"", csv("cr\rhere"));
    assertEquals("\\.", csv("\\."), "with two columns or more no line can be just the end-of-data marker");
    StringBuilder single = new StringBuilder();
    CsvLayout.field("\\.", true, single);
    assertEquals("\"\\.\"", single.toString(), "the end-of-data marker alone on a line is quoted, as PostgreSQL does");
    assertEquals("\\N", csv("\\N"), "\\N is an ordinary string in CSV");
    assertEquals(" spaced ", csv(" spaced "));
    assertEquals("tab\there", csv("tab\there"));
  }

  @Test
  void tsvEscapesBackslashTabAndLineEnds() throws IOException {
    assertEquals("plain", tsv("plain"));
    assertEquals("", tsv(""));
    assertEquals("\\\\N", tsv("\\N"), "a literal \\N is not NULL");
    assertEquals("a\\tb\\nc\\rd\\\\e", tsv("a\tb\nc\rd\\e"));
    assertEquals("\\b\\f\\v\u0001", tsv("\b\f\u000b\u0001"), "as CopyAttributeOutText: \\b \\f \\v, other controls raw");
  }

  @Test
  void rowSelectionsAreChecked() {
    assertEquals(new RowSelection(5, 1), RowSelection.row(5));
    assertEquals(7, RowSelection.limit(7).lastRow());
    assertEquals(Long.MAX_VALUE, RowSelection.all().lastRow());
    assertEquals(Long.MAX_VALUE, new RowSelection(10, Long.MAX_VALUE).lastRow());
    assertThrows(IllegalArgumentException.class, () -> RowSelection.row(0));
    assertThrows(IllegalArgumentException.class, () -> RowSelection.limit(-1));
    assertEquals(RowFormat.JSONL, RowFormat.parse("jsonl"));
    assertEquals("expected one of csv, tsv, jsonl, binary, found 'CSV'",
        assertThrows(IllegalArgumentException.class, () -> RowFormat.parse("CSV")).getMessage());
  }
}
