package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, items 1 and 3 through {@code spillway run}: a new dump under the same file name is
 * spilled again (naming the file) instead of loading yesterday's spill, and a re-spill never adds
 * its rows to the old spill's without being told (--replace / --append).
 */
@ExtendWith(PgExtension.class)
class RunStaleInputTest {
  @TempDir
  Path tmp;

  private static final String PLAN = """
      version: 1
      schema: %s
      tables:
        event: {columns: {code: text, qty: integer}}
      sources:
        - file: events.csv
          format: {type: csv, header: true}
          emit:
            - table: event
              values: {code: $code, qty: $qty}
      """;

  private CliRun run(TestDatabase db, String... extra) {
    String[] base = {"run", "--plan=" + tmp.resolve("plan.yaml"), "--work=" + tmp.resolve("work"), "--url=" + db.cliUrl(),
        "--create-tables", "--no-analyze", "--control-schema=" + db.schema(), "--quiet"};
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRun.of(args);
  }

  private static String events(TestDatabase db) throws Exception {
    return db.queryOne("SELECT string_agg(code || '=' || qty, ',' ORDER BY code, qty) FROM event");
  }

  @Test
  void aNewDumpUnderTheSameNameIsSpilledAgainNotLoadedAsYesterdaysData(TestDatabase db) throws Exception {
    Files.writeString(tmp.resolve("plan.yaml"), PLAN.formatted(db.schema()));
    Path csv = tmp.resolve("events.csv");
    Files.writeString(csv, "code,qty\na,1\nb,2\n");
    assertEquals(ExitCode.OK, run(db).exitCode());
    assertEquals("a=1,b=2", events(db));

    Files.writeString(csv, "code,qty\na,1\nb,3\n"); // today's dump: same name, same size
    Files.setLastModifiedTime(csv, FileTime.from(Instant.now().plusSeconds(5)));
    CliRun again = run(db);
    assertTrue(again.err().contains("input file events.csv changed since it was spilled"), again.err());
    assertEquals(ExitCode.USAGE, again.exitCode(), "the new spill would add to the old one's rows: " + again.err());
    assertTrue(again.err().contains("holds 1 segments (2 rows) of spill"), again.err());
    assertEquals("a=1,b=2", events(db), "nothing added");

    CliRun replaced = run(db, "--replace");
    assertEquals(ExitCode.OK, replaced.exitCode(), replaced.err());
    assertEquals("a=1,b=3", events(db), "today's data, once");
    assertTrue(replaced.err().contains("warning: --replace emptied \"" + db.schema() + "\".\"event\" (TRUNCATE of its 2"
        + " rows)"), "said even with --quiet: " + replaced.err());

    CliRun resumed = run(db, "--replace");
    assertEquals(ExitCode.OK, resumed.exitCode(), resumed.err());
    assertTrue(!resumed.err().contains("changed"), "unchanged input: the spill is reused: " + resumed.err());
    assertEquals("a=1,b=3", events(db));
  }

  @Test
  void runForceTwiceIsRefusedInsteadOfDoublingTheRowsAndAppendsOnlyWhenAsked(TestDatabase db) throws Exception {
    Files.writeString(tmp.resolve("plan.yaml"), PLAN.formatted(db.schema()));
    Files.writeString(tmp.resolve("events.csv"), "code,qty\na,1\nb,2\n");
    assertEquals(ExitCode.OK, run(db, "--force").exitCode());
    CliRun twice = run(db, "--force");
    assertEquals(ExitCode.USAGE, twice.exitCode(), twice.err());
    assertTrue(twice.err().contains("--replace") && twice.err().contains("--append"), twice.err());
    assertEquals("a=1,b=2", events(db));
    assertEquals(ExitCode.OK, run(db, "--force", "--append").exitCode());
    assertEquals("a=1,a=1,b=2,b=2", events(db), "--append adds, as asked");
    assertEquals(ExitCode.USAGE, run(db, "--replace", "--append").exitCode());
  }
}
