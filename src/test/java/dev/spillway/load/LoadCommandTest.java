package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.cli.CliRun;
import dev.spillway.cli.ExitCode;
import dev.spillway.pg.SpillLock;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code spillway load} and {@code spillway status} through picocli's execute(), output captured. */
@ExtendWith(PgExtension.class)
class LoadCommandTest {
  @TempDir
  Path tmp;

  /** Standard output and error of the last {@link #run}. */
  private String out = "";
  private String err = "";

  private int run(String... args) {
    CliRun result = CliRun.of(args);
    out = result.out();
    err = result.err();
    return result.exitCode();
  }

  /** The command with the test's connection and control schema. */
  private static String[] args(TestDatabase db, String command, Path dir, String... more) {
    List<String> all = new ArrayList<>(List.of(command, dir.toString(), "--url", db.cliUrl(), "--control-schema", db.schema()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private Spill packages(TestDatabase db) throws Exception {
    Packages data = new Packages(40, 400, 9);
    Packages.createTables(db);
    data.createExpected(db);
    return data.write(tmp.resolve("spill"), db.schema(), 4096);
  }

  @Test
  void loadPrintsProgressLinesAndASummaryAndResumesWithNothingLeft(TestDatabase db) throws Exception {
    Spill spill = packages(db);
    int segments = spill.manifest().segments().size();

    assertEquals(ExitCode.OK, run(args(db, "load", spill.root(), "--progress")), err.toString());
    Packages.assertLoaded(db);
    assertTrue(out.toString().startsWith("load " + spill.spillId() + " -> schema \"" + db.schema() + "\": " + segments
        + " segments loaded, 0 already loaded (skipped), 440 rows, "), out.toString());
    assertTrue(out.toString().contains("table       segments      size  rows  seconds  rows/s"), out.toString());
    assertTrue(out.toString().contains(System.lineSeparator() + "package     "), out.toString());
    assertTrue(err.toString().startsWith("verify "), err.toString());
    assertTrue(err.toString().contains("spillway load: spill " + spill.spillId() + ": " + segments
        + " segments to load, 440 rows, "), err.toString());
    List<String> lines = err.toString().lines().toList();
    assertTrue(lines.get(lines.size() - 1).matches("load   100% .* KiB .*  done"), err.toString());
    lines.stream().filter(l -> !l.startsWith("spillway")).forEach(l -> assertTrue(l.length() < 80, "fits 80 columns: " + l));

    assertEquals(ExitCode.OK, run(args(db, "load", spill.root())));
    assertTrue(out.toString().contains(": 0 segments loaded, " + segments + " already loaded (skipped), 0 rows"), out.toString());
    Packages.assertLoaded(db);
  }

  @Test
  void jsonSummaryAndQuiet(TestDatabase db) throws Exception {
    Spill spill = packages(db);
    assertEquals(ExitCode.OK, run(args(db, "load", spill.root(), "--json", "--quiet", "--jobs", "2", "--no-analyze")));
    assertEquals("", err.toString(), "quiet: no progress");
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertEquals(spill.spillId(), json.get("spillId").asText());
    assertEquals(spill.manifest().segments().size(), json.get("segmentsLoaded").asInt());
    assertEquals("package", json.get("tables").get(1).get("table").asText());
    assertEquals(400, json.get("tables").get(1).get("rows").asInt());
    assertEquals("error", json.get("onConflict").asText());

    assertEquals(ExitCode.OK, run(args(db, "load", spill.root(), "--quiet")));
    assertEquals("", out.toString() + err.toString());
  }

  @Test
  void statusShowsLoadedOutOfTotal(TestDatabase db) throws Exception {
    Spill spill = packages(db);
    int parentSegments = spill.segments("maintainer").size();
    int childSegments = spill.segments("package").size();
    assertEquals(ExitCode.OK, run(args(db, "status", spill.root())), err.toString());
    assertTrue(out.toString().contains("(complete) in " + spill.root() + " -> schema \"" + db.schema() + "\": 0/"
        + (parentSegments + childSegments) + " segments loaded (no control tables"), out.toString());

    Path second = spill.file("package", 2);
    byte[] original = Files.readAllBytes(second);
    LoaderTest.flipBit(second, LoaderTest.payloadOffset(second, 1, 1), 1);
    assertEquals(ExitCode.CORRUPT, run(args(db, "load", spill.root(), "--quiet")));
    assertEquals(ExitCode.OK, run(args(db, "status", spill.root())));
    assertTrue(out.toString().contains("0/" + (parentSegments + childSegments) + " segments loaded (no control tables"),
        "the refused load touched nothing: " + out);

    Files.write(second, original);
    assertEquals(ExitCode.OK, run(args(db, "load", spill.root(), "--quiet")));
    assertEquals(ExitCode.OK, run(args(db, "status", spill.root())));
    assertTrue(out.toString().matches("(?s).*\nmaintainer +" + parentSegments + "/" + parentSegments + " .*"), out.toString());
    assertTrue(out.toString().matches("(?s).*\npackage +" + childSegments + "/" + childSegments + " .*"), out.toString());

    assertEquals(ExitCode.OK, run(args(db, "status", spill.root(), "--json")));
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertEquals(childSegments, json.get("tables").get(1).get("segmentsLoaded").asInt());
    assertEquals(400, json.get("tables").get(1).get("rowsTotal").asInt());
    assertEquals("complete", json.get("state").asText());
  }

  @Test
  void aCorruptSegmentExitsWithFourAndOneLineNamingIt(TestDatabase db) throws Exception {
    Spill spill = packages(db);
    Path file = spill.file("maintainer", 1);
    LoaderTest.flipBit(file, LoaderTest.payloadOffset(file, 3, 1), 5);
    assertEquals(ExitCode.CORRUPT, run(args(db, "load", spill.root())));
    String[] lines = err.toString().split(System.lineSeparator());
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("spillway: " + file + ": spill directory " + spill.root()
        + " fails verification, nothing was loaded (1 problem(s)): segments/0001-00000001.pgcopy: CRC32C"), err.toString());
    assertEquals("0", db.queryOne("SELECT count(*) FROM maintainer"));
  }

  @Test
  void aMissingOrNonDirectoryPathIsAUsageError(TestDatabase db) throws Exception {
    Path missing = tmp.resolve("no-such-dir");
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    for (String command : List.of("load", "status")) {
      assertEquals(ExitCode.USAGE, run(args(db, command, missing)), command);
      assertTrue(err.toString().contains("no such directory: " + missing), err.toString());
      assertEquals(ExitCode.USAGE, run(args(db, command, file)), command);
      assertTrue(err.toString().contains("not a directory: " + file), err.toString());
    }
  }

  @Test
  void anOpenSpillExitsWithFourBeforeConnecting(TestDatabase db) throws Exception {
    Spill open = new SpillBuilder(tmp.resolve("open")).table("t", List.of("id bigint"), "id", List.of(), Map.of())
        .row("t", 1L).buildOpen();
    // an unreachable server: the refusal must come first
    assertEquals(ExitCode.CORRUPT, run("load", open.root().toString(), "--url", "postgresql://nobody@127.0.0.1:1/none"));
    assertTrue(err.toString().contains("is not complete (state open)"), err.toString());
  }

  @Test
  void badOptionsAreUsageErrors(TestDatabase db) throws Exception {
    Spill spill = packages(db);
    assertEquals(ExitCode.USAGE, run(args(db, "load", spill.root(), "--jobs", "0")));
    assertTrue(err.toString().contains("--jobs must be 1 to 64, got: 0"), err.toString());
    assertEquals(ExitCode.USAGE, run(args(db, "load", spill.root(), "--on-conflict", "maybe")));
    assertTrue(err.toString().contains("expected error, skip or update, got 'maybe'"), err.toString());
    assertEquals(ExitCode.USAGE, run(args(db, "load", spill.root(), "--schema", "")));
    assertEquals(ExitCode.USAGE, run("load", spill.root().toString(), "--url", "mysql://x"));
    assertTrue(err.toString().contains("unsupported connection URL"), err.toString());

    Spill keyless = new SpillBuilder(tmp.resolve("keyless")).targetSchema(db.schema())
        .table("log", List.of("n integer"), null, List.of(), Map.of()).row("log", 1).build();
    assertEquals(ExitCode.USAGE, run(args(db, "load", keyless.root(), "--on-conflict", "update")));
    assertTrue(err.toString().contains("--on-conflict update cannot load table"), err.toString());
  }

  @Test
  void databaseErrorsExitWithFiveAndNeverShowThePassword(TestDatabase db) throws Exception {
    Spill spill = new SpillBuilder(tmp.resolve("spill")).targetSchema(db.schema())
        .table("missing_table", List.of("id bigint"), "id", List.of(), Map.of()).row("missing_table", 1L).build();
    String secret = "Sekr3t-pw";
    String url = "postgresql://" + db.user() + ":" + secret + "@" + db.jdbcUrl().substring("jdbc:postgresql://".length());
    assertEquals(ExitCode.DATABASE, run("load", spill.root().toString(), "--url", url, "--control-schema", db.schema(), "-v"));
    assertTrue(err.toString().contains("does not match the spill: table does not exist"), err.toString());
    assertFalse(err.toString().contains(secret), err.toString());

    assertEquals(ExitCode.DATABASE, run("load", spill.root().toString(), "--url", "postgresql://u:" + secret + "@127.0.0.1:1/x"));
    assertTrue(err.toString().contains("cannot connect"), err.toString());
    assertFalse(err.toString().contains(secret), err.toString());
  }

  @Test
  void aSecondLoaderExitsWithFive(TestDatabase db) throws Exception {
    Spill spill = packages(db);
    try (SpillLock held = SpillLock.acquire(LoadDb.factory(db), spill.spillId())) {
      assertEquals(ExitCode.DATABASE, run(args(db, "load", spill.root())));
      assertTrue(err.toString().contains("is already being loaded by another session (advisory lock " + held.key()
          + " held by backend pid " + held.backendPid()), err.toString());
    }
    assertEquals("0", db.queryOne("SELECT count(*) FROM maintainer"));
  }
}
