package dev.spillway.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.plan.CsvFormat;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvRecordParser} gives the same records, outcomes and lines whatever the sizes of the
 * reads under it: escapes, quotes and CRLF pairs cut between two reads, records longer than its
 * buffer and than the bound.
 */
class CsvRecordParserTest {
  /** Returns at most {@code maxChunk} chars per read, sizes drawn from a seeded random. */
  private static final class ChoppyReader extends Reader {
    private final String text;
    private final Random random;
    private final int maxChunk;
    private int position;

    ChoppyReader(String text, long seed, int maxChunk) {
      this.text = text;
      this.random = new Random(seed);
      this.maxChunk = maxChunk;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (position == text.length()) {
        return -1;
      }
      int n = Math.min(Math.min(length, 1 + random.nextInt(maxChunk)), text.length() - position);
      text.getChars(position, position + n, buffer, offset);
      position += n;
      return n;
    }

    @Override
    public void close() {}
  }

  private static List<String> parseAll(Reader in, CsvFormat format, long maxRecordChars) throws IOException {
    CsvRecordParser parser = new CsvRecordParser(in, format, maxRecordChars);
    List<String> out = new ArrayList<>();
    for (CsvRecordParser.Outcome o; (o = parser.next()) != CsvRecordParser.Outcome.END; ) {
      String what = o == CsvRecordParser.Outcome.RECORD ? Arrays.toString(parser.fields()) + (parser.blank() ? " blank" : "")
          : o + " " + parser.partialText();
      out.add(parser.startLine() + "-" + parser.endLine() + " " + what);
      if (o != CsvRecordParser.Outcome.RECORD && o != CsvRecordParser.Outcome.TOO_LONG) {
        break;
      }
    }
    return out;
  }

  @Test
  void readsAreCutAnywhereWithoutChangingTheRecords() throws IOException {
    String[] pieces = {"a", "é", "𝄞", "\\", "\"", ",", "\n", "\r\n", "\r", "\"\"", "\\\"", "xyz", "NA"};
    CsvFormat[] formats = {CsvFormat.csv(), CsvFormat.csv().withEscape('\\').withNullString("NA"), CsvFormat.tsv()};
    for (long seed = 0; seed < 500; seed++) {
      Random random = new Random(seed);
      StringBuilder text = new StringBuilder();
      for (int i = 0, n = random.nextInt(60); i < n; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      if (random.nextInt(4) == 0) {
        text.append("b".repeat(70_000)); // past the parser's buffer
      }
      text.append('\n');
      CsvFormat format = formats[(int) (seed % formats.length)];
      long max = random.nextBoolean() ? Long.MAX_VALUE : 1 + random.nextInt(40);
      List<String> whole = parseAll(new StringReader(text.toString()), format, max);
      List<String> choppy = parseAll(new ChoppyReader(text.toString(), seed, 1 + random.nextInt(7)), format, max);
      assertEquals(whole, choppy, "seed " + seed);
    }
  }

  @Test
  void linesOutcomesAndFields() throws IOException {
    String text = "a,\"b\r\nc\"\r\n\r\n\"x\"\"y\",NA\r\nlong,long,long\r\n\"open\\\"\r\n";
    List<String> got = parseAll(new StringReader(text), CsvFormat.csv().withEscape('\\').withNullString("NA"), 12);
    // a blank line is one empty field: "" with another null string; "" closes and reopens quoting when the escape is \
    assertEquals(List.of("1-2 [a, b\r\nc]", "3-3 [] blank", "4-4 [xy, null]", "5-5 TOO_LONG long,long,lo…",
        "6-6 UNTERMINATED \"open\""), got);
  }
}
