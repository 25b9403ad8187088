package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.ClientEnvironment;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spillway run} on a terminal: the spill's and the load's progress lines share it, each
 * redrawn in place with {@code \r}. Replayed on a model of the terminal (a carriage return moves to
 * the first column, characters overwrite what is there), every line reads as the last thing drawn
 * on it: nothing of a longer earlier line is left at its end, and no line holds two lines' starts.
 */
@ExtendWith(PgExtension.class)
class RunTerminalLinesTest {
  @TempDir
  Path tmp;

  /** The terminal's lines after replaying {@code raw}. */
  static List<String> screen(String raw) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int column = 0;
    for (char c : raw.toCharArray()) {
      if (c == '\n') {
        lines.add(line.toString());
        line.setLength(0);
        column = 0;
      } else if (c == '\r') {
        column = 0;
      } else {
        if (column < line.length()) {
          line.setCharAt(column, c);
        } else {
          line.append(c);
        }
        column++;
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  @Test
  void theSpillAndLoadLinesLeaveNothingOfEachOtherOnTheTerminal(TestDatabase db) throws Exception {
    Path plan = CliFixture.plan(tmp, db.schema());
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    CliContext context = new CliContext(ClientEnvironment.of(Map.of(), "u"), true, 120,
        Optional.of(new PrintStream(terminal, true, StandardCharsets.UTF_8)), prompt -> Optional.empty());
    CliRun run = CliRun.with(context, "run", "--plan=" + plan, "--work=" + tmp.resolve("work"), "--url=" + db.cliUrl(),
        "--create-tables", "--no-analyze", "--control-schema=" + db.schema(), "--progress");
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());

    String raw = terminal.toString(StandardCharsets.UTF_8);
    List<String> lines = screen(raw);
    String[] drawn = raw.split("\n", -1);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("spill ")), raw);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("load ")), raw);
    for (int i = 0; i < lines.size(); i++) {
      String last = drawn[i].substring(drawn[i].lastIndexOf('\r') + 1);
      assertEquals(last.stripTrailing(), lines.get(i).stripTrailing(), "line " + i + " of\n" + raw.replace("\r", "\\r"));
      assertTrue(lines.get(i).matches("(spill|load|verify) [^\\n]*|spillway [^\\n]*") && lines.get(i).indexOf(" load ", 1) < 0
          && lines.get(i).indexOf("spillway", 1) < 0, "two lines in one: " + lines.get(i));
    }
  }
}
