package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spillway spill} through {@code execute}: exit codes, messages, the summary, the options. */
class SpillCommandTest {
  @TempDir
  Path tmp;
  /** Standard output and error of the last {@link #run}. */
  private String out = "";
  private String err = "";
  private Path plan;

  static final String PLAN = """
      version: 1
      tables:
        owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
        item: {columns: {id: bigint, code: text, qty: integer, owner_id: bigint}, id: id, key: [code]}
      sources:
        - file: items.csv
          format: {type: csv, header: true}
          emit:
            - table: owner
              values: {name: $owner}
            - table: item
              values: {code: $code, qty: $qty, owner_id: {ref: owner, key: [$owner]}}
      """;

  @BeforeEach
  void corpus() throws IOException {
    plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, PLAN);
    Files.writeString(tmp.resolve("items.csv"), "code,qty,owner\na,1,ann\nb,2,bob\na,3,ann\nc,x,ann\n");
  }

  private int run(String... args) {
    CliRun result = CliRun.of(args);
    out = result.out();
    err = result.err();
    return result.exitCode();
  }

  private int spill(String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "spill";
    args[1] = "--plan=" + plan;
    args[2] = "--out=" + tmp.resolve("out");
    args[3] = "--segment-size=1MiB";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return run(args);
  }

  @Test
  void spillPrintsTheSummaryTableAndExitsZero() {
    assertEquals(ExitCode.OK, spill("--progress"), err.toString());
    String summary = out.toString();
    String size = "\\s+[0-9.,]+ (B|KiB)";
    assertTrue(summary.matches("(?s)spill \\S+ in " + java.util.regex.Pattern.quote(tmp.resolve("out").toString())
        + ": 2 segments, [0-9.,]+ (B|KiB), 1 reject in " + java.util.regex.Pattern.quote(tmp.resolve("out").resolve("rejects.csv").toString())
        + "\n"
        + "table\\s+segments\\s+size\\s+read\\s+written\\s+duplicates\\s+skipped\\s+rejected\n"
        + "owner\\s+1" + size + "\\s+4\\s+2\\s+1\\s+0\\s+1\n" // the rejected item's record: its owner row too
        + "item\\s+1" + size + "\\s+4\\s+2\\s+1\\s+0\\s+1\n"
        + "total\\s+2" + size + "\\s+8\\s+4\\s+2\\s+0\\s+2\n"), summary);
    assertTrue(err.toString().startsWith("spill  100%"), "a last progress line with --progress: " + err);
    assertTrue(err.toString().strip().endsWith("done"), err.toString());
  }

  @Test
  void noProgressByDefaultOffATerminal() {
    assertEquals(ExitCode.OK, spill(), err.toString());
    assertEquals("", err.toString());
  }

  @Test
  void quietPrintsNoProgress() {
    assertEquals(ExitCode.OK, spill("--quiet"));
    assertEquals("", err.toString());
  }

  @Test
  void anExistingSpillIsRefusedWithoutForceAndReplacedWithIt() {
    assertEquals(ExitCode.OK, spill("-q"));
    assertEquals(ExitCode.USAGE, spill("-q"));
    assertTrue(err.toString().contains("already holds complete spill"), err.toString());
    assertTrue(err.toString().contains("use --force"), err.toString());
    assertEquals(ExitCode.OK, spill("-q", "--force"), err.toString());
  }

  @Test
  void aSpillLeftOpenIsReportedAsSuch() {
    assertEquals(ExitCode.REJECTS, spill("-q", "--max-rejects=0"));
    assertEquals(ExitCode.USAGE, spill("-q"));
    assertTrue(err.toString().contains("left open by a run that crashed or stopped"), err.toString());
    assertEquals(ExitCode.OK, spill("-q", "--force"), err.toString());
  }

  @Test
  void aDirectoryThatIsNotASpillIsNeverDeleted() throws IOException {
    Files.createDirectories(tmp.resolve("out"));
    Files.writeString(tmp.resolve("out/thesis.tex"), "precious");
    assertEquals(ExitCode.USAGE, spill("-q", "--force"));
    assertTrue(err.toString().contains("is not a spill directory (it holds thesis.tex)"), err.toString());
    assertTrue(Files.exists(tmp.resolve("out/thesis.tex")));
  }

  @Test
  void rejectsOverTheLimitExitThreeNamingCountAndFile() {
    assertEquals(ExitCode.REJECTS, spill("-q", "--max-rejects", "0"));
    assertTrue(err.toString().startsWith("spillway: 1 rejected record(s), more than --max-rejects 0"), err.toString());
    assertTrue(err.toString().contains(tmp.resolve("out").resolve("rejects.csv").toString()), err.toString());
  }

  @Test
  void compressZstdWritesZstdSegmentsThatVerifyAndCatReadBack() throws IOException {
    assertEquals(ExitCode.OK, spill("--compress=zstd"), err.toString());
    try (var files = Files.list(tmp.resolve("out").resolve("segments"))) {
      assertTrue(files.allMatch(f -> f.getFileName().toString().endsWith(".pgcopy.zst")), "only .zst segments");
    }
    assertEquals(ExitCode.OK, run("verify", tmp.resolve("out").toString(), "--no-progress"), err.toString());
    assertEquals(ExitCode.OK, run("cat", tmp.resolve("out").toString(), "--table=item", "--format=csv"), err.toString());
    assertEquals("1,a,1,1\n2,b,2,2\n", out.toString());
    assertEquals(ExitCode.USAGE, spill("--force", "--compress=lz4"));
    assertTrue(err.toString().contains("unknown compression 'lz4'; expected none or zstd"), err.toString());
  }

  @Test
  void typedOptionsEchoTheBadValue() {
    assertEquals(ExitCode.USAGE, spill("--segment-size=64XB"));
    assertTrue(err.toString().contains("invalid size '64XB': unknown unit 'XB'"), err.toString());
    assertEquals(ExitCode.USAGE, spill("--max-rejects=ten"));
    assertTrue(err.toString().contains("invalid reject limit 'ten'"), err.toString());
    assertEquals(ExitCode.USAGE, spill("--segment-size=0"));
    assertTrue(err.toString().contains("invalid size '0': must be at least 1 byte"), err.toString());
  }

  /** Regression: --segment-size=64 (a forgotten unit) was accepted and wrote a segment per row or two. */
  @Test
  void segmentsBelowOneMebibyteAreRefusedWithAHint() {
    String[] base = {"spill", "-q", "--plan=" + plan, "--out=" + tmp.resolve("out")};
    assertEquals(ExitCode.USAGE, run(concat(base, "--segment-size=64")));
    assertTrue(err.toString().contains("invalid segment size '64': 64 bytes is below the minimum segment size of 1MiB: "
        + "did you mean 64MiB?"), err.toString());
    assertEquals(ExitCode.USAGE, run(concat(base, "--segment-size=512KiB")));
    assertTrue(err.toString().contains("invalid segment size '512KiB': 524,288 bytes is below the minimum segment size "
        + "of 1MiB"), err.toString());
    assertFalse(err.toString().contains("did you mean 512KiB"), err.toString());
    assertFalse(Files.exists(tmp.resolve("out")));
    assertEquals(ExitCode.OK, run(concat(base, "--segment-size=1048576")), err.toString());
  }

  private static String[] concat(String[] base, String extra) {
    String[] all = java.util.Arrays.copyOf(base, base.length + 1);
    all[base.length] = extra;
    return all;
  }

  @Test
  void idMapHeapTakesAutoZeroOrASizeAndSpillsTheSameRowsWithEach() throws IOException {
    IdMapHeapConverter heap = new IdMapHeapConverter();
    assertEquals(IdMapHeapConverter.AUTO, heap.convert("auto"));
    assertEquals(0L, heap.convert("0"));
    assertEquals(32L << 20, heap.convert("32MiB"));
    assertEquals(128L << 20, IdMapHeapConverter.resolve(IdMapHeapConverter.AUTO, 512L << 20), "a quarter of -Xmx");
    assertEquals(5L, IdMapHeapConverter.resolve(5, 512L << 20));
    assertEquals(ExitCode.USAGE, spill("--id-map-heap=lots"));
    assertTrue(err.toString().contains("invalid size 'lots'"), err.toString());
    String rows = null;
    for (String option : new String[] {"--id-map-heap=0", "--id-map-heap=auto", "--id-map-heap=1MiB"}) {
      assertEquals(ExitCode.OK, spill("-q", "--force", option), err.toString());
      assertEquals(ExitCode.OK, run("cat", tmp.resolve("out").toString(), "--table=item"), err.toString());
      if (rows != null) {
        assertEquals(rows, out.toString(), option);
      }
      rows = out.toString();
    }
    assertTrue(rows.contains("a,1,1"), rows);
  }

  @Test
  void sizesTakeUnits() {
    ByteSizeConverter sizes = new ByteSizeConverter();
    assertEquals(64L << 20, sizes.convert("64MiB"));
    assertEquals(1L << 30, sizes.convert("1GiB"));
    assertEquals(1_000_000L, sizes.convert("1000000"));
    assertEquals(1_000_000L, sizes.convert("1_000_000"));
    assertEquals(512L << 10, sizes.convert("512kib"));
    assertEquals(64_000_000L, sizes.convert("64MB"));
    assertEquals(Long.MAX_VALUE, new RejectLimitConverter().convert("unlimited"));
    assertEquals(0L, new RejectLimitConverter().convert("0"));
  }

  @Test
  void anInvalidPlanIsAUsageError() throws IOException {
    Files.writeString(plan, PLAN.replace("key: [code]", "key: [kode]"));
    assertEquals(ExitCode.USAGE, spill("-q"));
    assertTrue(err.toString().contains("tables.item.key"), err.toString());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void aPlanNeedingTheDatabaseWithoutUrlIsAUsageError() throws IOException {
    Files.writeString(plan, """
        version: 1
        tables:
          owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
          item: {columns: {code: text, owner_id: bigint}}
        sources:
          - file: items.csv
            format: {type: csv, header: true}
            emit: [{table: item, values: {code: $code, owner_id: {ref: owner, key: [$owner]}}}]
        """);
    assertEquals(ExitCode.USAGE, spill("-q"));
    assertTrue(err.toString().contains("give --url"), err.toString());
  }

  /** Regression: the database was first reached while seeding, after --force had cleared the old spill. */
  @Test
  void anUnreachableDatabaseLeavesAnExistingSpillUntouchedEvenWithForce() throws IOException {
    assertEquals(ExitCode.OK, spill("-q"), err.toString());
    String manifest = Files.readString(tmp.resolve("out/manifest.json"));
    assertEquals(ExitCode.DATABASE, spill("-q", "--force", "--url", "postgresql://nobody@127.0.0.1:1/nowhere"));
    assertTrue(err.toString().contains("cannot connect to PostgreSQL at 127.0.0.1:1"), err.toString());
    assertEquals(manifest, Files.readString(tmp.resolve("out/manifest.json")), "the old spill is still there");
    assertTrue(manifest.contains("\"state\" : \"complete\""), manifest);
  }

  /** Regression: an empty input file with header: true aborted the run (exit 3). */
  @Test
  void anEmptyInputFileIsAWarningOnStderrEvenWhenQuiet() throws IOException {
    Files.writeString(tmp.resolve("items.csv"), "");
    assertEquals(ExitCode.OK, spill("-q"), err.toString());
    assertEquals("spillway: warning: items.csv is empty (not even a header line): read as zero records\n", err.toString());
    assertEquals("", out.toString(), "-q: no summary");
    assertEquals(ExitCode.OK, spill("--force"), err.toString());
    assertTrue(out.toString().matches("(?s).*\ntotal\\s+0\\s+0 B\\s+0\\s+0\\s+0\\s+0\\s+0\n.*"), out.toString());
  }
}
