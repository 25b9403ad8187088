package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.plan.CsvFormat;
import dev.spillway.plan.RecordRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random CSV with comment lines between records, whose fields hold the comment marker,
 * quotes, delimiters and line breaks (so a quoted field's continuation line often starts with
 * {@code #}), and whose comment lines hold unbalanced quotes: the reader returns exactly the
 * records written, on the lines they start, and counts exactly the comment lines.
 */
class CommentPropertyTest {
  @TempDir
  Path dir;

  private static final String[] PIECES = {"a", "#", ",", "\n", "\"", " ", "é", "#x", "\r\n"};

  @Test
  void commentsNeverEatDataAndDataNeverHidesComments() {
    CsvFormat format = CsvFormat.csv().withRules(new RecordRules("#", 0, RecordRules.MissingFields.REJECT,
        RecordRules.ExtraFields.REJECT));
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      StringBuilder text = new StringBuilder();
      List<List<String>> records = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      long line = 1;
      int comments = 0;
      for (int r = 0; r < 12; r++) {
        while (random.nextInt(3) == 0) {
          text.append('#').append(random.nextBoolean() ? "\"open" : "c, \"q\"").append('\n');
          line++;
          comments++;
        }
        List<String> record = new ArrayList<>();
        lines.add(line);
        for (int f = 0; f < 3; f++) {
          StringBuilder v = new StringBuilder();
          for (int k = random.nextInt(4); k > 0; k--) {
            v.append(PIECES[random.nextInt(PIECES.length)]);
          }
          String value = v.toString();
          record.add(value);
          if (f > 0) {
            text.append(',');
          }
          text.append('"').append(value.replace("\"", "\"\"")).append('"'); // always quoted: "" is the empty string
          line += value.chars().filter(c -> c == '\n').count();
        }
        text.append('\n');
        line++;
        records.add(record);
      }
      List<MalformedRecord> malformed = new ArrayList<>();
      try (CsvReader reader = CsvReader.open(write(dir, "p" + seed + ".csv", text.toString()), format, malformed::add)) {
        List<List<String>> read = new ArrayList<>();
        List<Long> readLines = new ArrayList<>();
        for (InputRecord rec; (rec = reader.next()) != null; ) {
          read.add(rec.values());
          readLines.add(rec.line());
        }
        assertEquals(List.of(), malformed, "seed " + seed);
        assertEquals(records, read, "seed " + seed);
        assertEquals(lines, readLines, "seed " + seed);
        assertEquals(comments, reader.commentRecordsSkipped(), "seed " + seed);
      }
    }
  }
}
