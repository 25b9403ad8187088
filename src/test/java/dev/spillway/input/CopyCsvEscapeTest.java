package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.readAll;
import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.plan.CsvFormat;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code escape:} is COPY's ESCAPE (finding A1): it applies only inside quotes and escapes only the
 * quote and itself; {@code \n}, {@code \t} are never decoded. Every case is loaded by PostgreSQL's
 * own {@code COPY ... (FORMAT csv, ESCAPE ...)} and read by {@link CsvReader}: the same fields, or,
 * where COPY refuses the input, a malformed record here.
 */
@ExtendWith(PgExtension.class)
class CopyCsvEscapeTest {
  @TempDir
  Path dir;

  private static final CsvFormat BACKSLASH = CsvFormat.csv().withEscape('\\');

  /** One document per case: COPY's verdict on it must be ours. */
  private static final List<String> CASES = List.of(
      "1,\"C:\\new\\table\"\n",                // the finding: nothing is decoded
      "2,\"say \\\"hi\\\"\"\n",                 // escaped quotes
      "3,\"a\\\\\"\n",                          // an escaped escape right before the closing quote
      "4,C:\\temp\\x\n",                        // unquoted: the escape is literal
      "a\\,b\n",                                // unquoted escape before a delimiter: two fields a\ and b
      "5,a\\,b\n",                              // ... so three fields here: COPY refuses the line
      "6,\"x\\\"\ny\"\n7,z\n",                  // an embedded line break after an escaped quote
      "8,\"a\"\"b\"\n",                         // "" is not a quote when the escape is not the quote: ab
      "9,\"\\\\n\\t\"\n",                       // \\n is a backslash and n; \t stays two characters
      "10,\"\\a\\\"\"\n",                       // an escape before another character is literal
      "11,ab\"c,d\"e\n",                        // a quote inside an unquoted field starts quoting, as in COPY
      "12,\"a\"  \n",                           // what follows a closing quote is kept
      "13,\\N\n14,\n15,\"\"\n",                 // \N is text in csv; NULL and the empty string
      "16,\"open\\\"\n17,x\n",                  // the escaped quote never closes: unterminated
      "18,\"a\"\"\n19,b\"\n");                  // "" closes and reopens: the record runs on to line 2

  @Test
  void everyEscapeCaseReadsAsCopyReadsIt(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      for (int i = 0; i < CASES.size(); i++) {
        String text = CASES.get(i);
        assertSameVerdict(c, text, 2, BACKSLASH, "FORMAT csv, ESCAPE '\\'", "case " + i + " " + text);
      }
      // an escape other than backslash, and a quote other than "
      assertSameVerdict(c, "1,\"it'\"s\",'x\n2,\"''\",\"'a\"\n", 3, CsvFormat.csv().withEscape('\''),
          "FORMAT csv, ESCAPE ''''", "escape '");
      assertSameVerdict(c, "1;'it\\'s';'C:\\new'\n2;'a\\\\';'''b'\n", 3, CsvFormat.csv().withDelimiter(';').withQuote('\'')
          .withEscape('\\'), "FORMAT csv, DELIMITER ';', QUOTE '''', ESCAPE '\\'", "quote ' escape \\");
    }
  }

  /** The finding's file, field by field, and the quoted Windows path never holds a control character. */
  @Test
  void theFindingsFileKeepsItsBackslashes(TestDatabase db) throws Exception {
    String text = "k,v\n1,\"C:\\new\\table\"\n2,\"say \\\"hi\\\"\"\n3,C:\\temp\\x\n";
    CsvFixtures.Result ours = readAll(write(dir, "finding.csv", text), BACKSLASH.withHeader(true));
    assertEquals(List.of(List.of("1", "C:\\new\\table"), List.of("2", "say \"hi\""), List.of("3", "C:\\temp\\x")), ours.values());
    try (Connection c = db.connect()) {
      CopyVerdict copy = CopyVerdict.of(c, text.getBytes(StandardCharsets.UTF_8), 2, "FORMAT csv, HEADER, ESCAPE '\\'");
      assertEquals(copy.rows(), ours.values());
    }
  }

  /**
   * Random documents of backslashes, quotes, delimiters, line breaks and letters: wherever COPY
   * loads the document we read the same fields and reject nothing; wherever COPY refuses it we
   * reject at least one record. With the escape equal to the quote (COPY's default) as well.
   */
  @Test
  void randomDocumentsReadAsCopyReadsThem(TestDatabase db) throws Exception {
    String[] pieces = {"a", "n", "t", "\\", "\\", "\"", "\"", ",", "\n", "\"\"", "\\\"", "x y", "\r", "\r\n"};
    String[] lineBreaks = {"\n", "\r\n", "\r"};
    try (Connection c = db.connect()) {
      for (long seed = 0; seed < 400; seed++) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(14); i < n; i++) {
          text.append(pieces[random.nextInt(pieces.length)]);
        }
        if (text.charAt(text.length() - 1) != '\n') {
          text.append('\n');
        }
        boolean backslash = seed % 2 == 0;
        // the header's line break is the file's style: a line break of another one outside quotes is where COPY fails
        assertSameVerdict(c, text.toString(), 2, backslash ? BACKSLASH : CsvFormat.csv(),
            backslash ? "FORMAT csv, ESCAPE '\\'" : "FORMAT csv", "seed " + seed, lineBreaks[(int) (seed / 2 % 3)]);
      }
    }
  }

  private void assertSameVerdict(Connection c, String text, int columns, CsvFormat format, String copyOptions, String what)
      throws Exception {
    assertSameVerdict(c, text, columns, format, copyOptions, what, "\n");
  }

  private void assertSameVerdict(Connection c, String text, int columns, CsvFormat format, String copyOptions, String what,
      String headerLineBreak) throws Exception {
    // a header pins the field count, as the table's columns pin COPY's
    String header = String.join(String.valueOf(format.delimiter()), List.of("c1", "c2", "c3").subList(0, columns)) + headerLineBreak;
    byte[] data = (header + text).getBytes(StandardCharsets.UTF_8);
    CopyVerdict copy = CopyVerdict.of(c, data, columns, copyOptions + ", HEADER");
    CsvFixtures.Result ours = readAll(write(dir, "case.csv", data), format.withHeader(true));
    String shown = what + ": " + Arrays.toString(text.split("\n", -1)) + " COPY: " + (copy.failed() ? copy.error()
        : copy.rows()) + ", ours: " + ours.values() + " " + ours.malformed();
    if (copy.failed()) {
      assertFalse(ours.malformed().isEmpty(), shown);
    } else {
      assertEquals(List.of(), ours.malformed(), shown);
      assertEquals(copy.rows(), ours.values(), shown);
    }
  }
}
