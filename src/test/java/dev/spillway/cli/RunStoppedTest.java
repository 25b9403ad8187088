package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for finding A4 (session 6): {@code run} whose stage one stops (exit 3) after its early
 * load committed segments says what stays in the database and what to do next (--replace, never
 * --append), and both ways on work: fixed input with --replace, same input with a higher limit.
 */
@ExtendWith(PgExtension.class)
class RunStoppedTest {
  private static final int GOOD_ROWS = 90_000; // two 1 MiB segments seal before the bad record at the end
  private static final Pattern LOADED = Pattern.compile("already in the database and staying there .*: ([0-9,]+) rows in"
      + " ([0-9]+) segments of spill [0-9a-f-]+: \"[^\"]+\"\\.\"t\" ([0-9,]+) rows in ([0-9]+) segments");

  @TempDir
  Path tmp;

  private Path plan(TestDatabase db, boolean badLast) throws IOException {
    try (Writer w = Files.newBufferedWriter(tmp.resolve("in.csv"))) {
      w.write("k,v\n");
      for (int i = 0; i < GOOD_ROWS; i++) {
        w.write(i + ",value " + i + "\n");
      }
      if (badLast) {
        w.write("oops,bad\n");
      }
    }
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, """
        version: 1
        schema: %s
        tables: {t: {columns: {k: integer, v: text}}}
        sources: [{file: in.csv, format: {header: true}, emit: [{table: t, values: {k: $k, v: $v}}]}]
        """.formatted(db.schema()));
    return plan;
  }

  /** --max-ahead-bytes 1: each sealed segment is committed before stage one reads on, so the stop finds them in. */
  private static CliRun run(TestDatabase db, Path plan, Path work, String... extra) {
    String[] base = {"run", "--plan=" + plan, "--work=" + work, "--url=" + db.cliUrl(), "--create-tables",
        "--no-analyze", "--control-schema=" + db.schema(), "--segment-size=1MiB", "--max-ahead-bytes=1", "-q"};
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRun.of(args);
  }

  private static long count(TestDatabase db) throws Exception {
    return Long.parseLong(db.queryOne("SELECT count(*) FROM t"));
  }

  /** The rows the message says stay loaded, checked against the table. */
  private static long saysLoaded(TestDatabase db, CliRun stopped) throws Exception {
    assertEquals(ExitCode.REJECTS, stopped.exitCode(), stopped.toString());
    assertTrue(stopped.err().startsWith("spillway: 1 rejected record(s), more than --max-rejects 0"), stopped.err());
    Matcher m = LOADED.matcher(stopped.err());
    assertTrue(m.find(), stopped.err());
    long rows = Long.parseLong(m.group(1).replace(",", ""));
    assertTrue(rows > 0 && rows < GOOD_ROWS, stopped.err());
    assertEquals(m.group(1), m.group(3), "one table: its rows are the total");
    assertEquals(m.group(2), m.group(4));
    assertEquals(rows, count(db), "the message says what the table holds");
    assertTrue(stopped.err().contains("run again with --replace"), stopped.err());
    assertTrue(stopped.err().contains("not --append"), stopped.err());
    return rows;
  }

  @Test
  void aStopAfterTheEarlyLoadSaysWhatStaysAndAFixedInputReplacesIt(TestDatabase db) throws Exception {
    Path plan = plan(db, true);
    CliRun stopped = run(db, plan, tmp.resolve("work"), "--max-rejects=0");
    saysLoaded(db, stopped);
    assertTrue(stopped.err().contains("run the same command again: the same spill goes on"), stopped.err());

    plan(db, false); // the input fixed: another spill
    CliRun refused = run(db, plan, tmp.resolve("work"), "--max-rejects=0");
    assertEquals(ExitCode.USAGE, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("--append to add its rows to them (only for new rows"), refused.err());
    CliRun replaced = run(db, plan, tmp.resolve("work"), "--max-rejects=0", "--replace");
    assertEquals(ExitCode.OK, replaced.exitCode(), replaced.toString());
    assertEquals(GOOD_ROWS, count(db), "replaced, not added to");
  }

  @Test
  void theSameInputWithAHigherLimitGoesOnFromTheCommittedSegments(TestDatabase db) throws Exception {
    Path plan = plan(db, true);
    saysLoaded(db, run(db, plan, tmp.resolve("work"), "--max-rejects=0"));
    CliRun resumed = run(db, plan, tmp.resolve("work"), "--max-rejects=1");
    assertEquals(ExitCode.OK, resumed.exitCode(), resumed.toString());
    assertEquals(GOOD_ROWS, count(db), "each row once");
  }

  /** --force draws a random spill id: the same command is another spill, so only --replace is offered. */
  @Test
  void aForcedRunOffersOnlyReplace(TestDatabase db) throws Exception {
    Path plan = plan(db, true);
    CliRun stopped = run(db, plan, tmp.resolve("work"), "--max-rejects=0", "--force");
    saysLoaded(db, stopped);
    assertFalse(stopped.err().contains("same command again"), stopped.err());
  }
}
