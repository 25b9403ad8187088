package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.cli.CliRun;
import dev.spillway.segment.Printable;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 11: a hostile manifest's table name with a newline and ANSI escapes cannot forge an
 * output line or drive the terminal: inspect, status and error messages print it escaped.
 */
@ExtendWith(PgExtension.class)
class HostileNamesTest {
  private static final String EVIL = "evil\n\u001b[32mspillway: all segments loaded, all good\u001b[0m\r";

  @TempDir
  Path tmp;

  private static void assertClean(String command, String text) {
    assertFalse(text.contains("\u001b"), command + " printed a raw ESC: " + text);
    assertFalse(text.contains("\r"), command + " printed a raw CR: " + text);
    assertTrue(text.lines().noneMatch(l -> l.startsWith("spillway: all segments loaded")),
        command + " printed a forged line: " + text);
  }

  @Test
  void aTableNameWithControlCharactersIsPrintedEscapedEverywhere(TestDatabase db) throws Exception {
    Spill spill = new SpillBuilder(tmp.resolve("spill")).targetSchema(db.schema())
        .table(EVIL, List.of("id bigint", "name text"), "id", List.of("name"), Map.of())
        .row(EVIL, 1L, "x").build();
    String dir = spill.root().toString();

    CliRun inspect = CliRun.of("inspect", dir);
    assertClean("inspect", inspect.out() + inspect.err());
    assertTrue(inspect.out().contains("evil\\n\\e[32mspillway: all segments loaded"), inspect.out());

    CliRun status = CliRun.of("status", dir, "--url", db.cliUrl(), "--control-schema", db.schema());
    assertClean("status", status.out() + status.err());

    CliRun load = CliRun.of("load", dir, "--url", db.cliUrl(), "--control-schema", db.schema());
    assertTrue(load.exitCode() != 0, "the table does not exist");
    assertClean("load", load.out() + load.err());
    assertTrue(load.err().contains("evil\\n"), load.err());
  }

  @Test
  void printableEscapesEveryControlCharacterAndNothingElse() {
    assertEquals("a\\nb\\tc\\e[0m\\x00\\x7f\\x85\\u2028 é€😀 \\x", Printable.escape("a\nb\tc\u001b[0m\u0000\u007f\u0085\u2028 é€😀 \\x"));
    assertEquals("plain", Printable.escape("plain"));
    assertEquals("line 1\nline\\e2", Printable.escapeKeepingLines("line 1\nline\u001b2"));
  }
}
