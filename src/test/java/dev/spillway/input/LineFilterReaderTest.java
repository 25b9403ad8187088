package dev.spillway.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.RecordRules;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The line filter alone, under an awkward source that hands out one character per read and read
 * with random buffer sizes: the output keeps every line break, blanks exactly the skipped and
 * comment lines, and queues the comment line numbers.
 */
class LineFilterReaderTest {
  /** Hands out at most one char per read, like a slow pipe. */
  private static final class OneCharReader extends Reader {
    private final Reader in;

    OneCharReader(String text) {
      this.in = new StringReader(text);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      return length == 0 ? 0 : in.read(buffer, offset, 1);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static String filter(String text, CsvFormat format, long seed, List<Long> comments) throws IOException {
    Random random = new Random(seed);
    LineFilterReader reader = new LineFilterReader(new OneCharReader(text), format);
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[8];
    for (int n; (n = reader.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0; ) {
      out.append(buffer, 0, n);
    }
    for (long line = 1; line <= 20; line++) {
      if (reader.claimComment(line, line)) {
        comments.add(line);
      }
    }
    return out.toString();
  }

  @Test
  void blanksSkippedAndCommentLinesWhateverTheReadSizes() throws IOException {
    String text = "banner \"open\r\n"   // 1 skipped (its quote means nothing)
        + "#c1\n"                        // 2 comment
        + "a,\"x\n#y\"\r\n"              // 3-4 quoted: line 4 is data
        + "##\r\n"                       // 5 comment
        + "#";                           // 6 comment, no line break
    CsvFormat format = CsvFormat.csv().withRules(new RecordRules("#", 1, RecordRules.MissingFields.REJECT,
        RecordRules.ExtraFields.REJECT));
    for (long seed = 0; seed < 50; seed++) {
      List<Long> comments = new ArrayList<>();
      assertEquals("\r\n\na,\"x\n#y\"\r\n\r\n", filter(text, format, seed, comments), "seed " + seed);
      assertEquals(List.of(2L, 5L, 6L), comments, "seed " + seed);
    }
  }

  @Test
  void aLinePrefixOfTheMarkerIsDataEvenAtTheEnd() throws IOException {
    CsvFormat format = CsvFormat.tsv().withRules(new RecordRules("--", 0, RecordRules.MissingFields.REJECT,
        RecordRules.ExtraFields.REJECT));
    for (long seed = 0; seed < 20; seed++) {
      List<Long> comments = new ArrayList<>();
      assertEquals("-a\n\n-\t\"--\n-", filter("-a\n-- x\n-\t\"--\n-", format, seed, comments), "seed " + seed);
      assertEquals(List.of(2L), comments);
    }
  }
}
