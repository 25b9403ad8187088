package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.segment.Compression;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.TestSpill;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir
  Path tmp;

  private final ObjectMapper json = new ObjectMapper();

  private Manifest spill(Compression compression) {
    List<byte[]> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(TestSpill.idName(i, i % 7 == 0 ? null : "name " + i));
    }
    return TestSpill.in(tmp.resolve("spill")).spillId("3f1d2c9e-test").compression(compression).maxSegmentBytes(1500)
        .table("maintainer", TestSpill.ID_NAME, rows.subList(0, 20)).table("package \"odd\"", TestSpill.ID_NAME, rows).write();
  }

  @Test
  void describesADirectoryAsText() {
    Manifest m = spill(Compression.ZSTD);
    CliRun run = CliRun.of("inspect", tmp.resolve("spill").toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    String out = run.out();
    assertTrue(out.contains("spill          3f1d2c9e-test\n"), out);
    assertTrue(out.contains("state          complete\n"), out);
    assertTrue(out.contains("created at     2024-05-01T12:00:00Z\n"), out);
    assertTrue(out.contains("written by     spillway 0.1.0-test, manifest formatVersion 2\n"), out);
    assertTrue(out.contains("input.csv"), out);
    assertTrue(out.contains("table 2: package \"odd\"\n  columns      id bigint, name text\n"), out);
    List<SealedSegment> pkg = m.segmentsOf("package \"odd\"");
    assertTrue(pkg.size() > 1);
    String segments = "  segments     " + pkg.size() + " (zstd), 200 rows, "
        + pkg.stream().mapToLong(SealedSegment::bytes).sum() + " bytes stored, "
        + pkg.stream().mapToLong(SealedSegment::plainBytes).sum() + " bytes plain\n";
    assertTrue(out.contains(segments), "expected\n" + segments + "in\n" + out);
    assertTrue(out.contains("  counters     read 200, written 200, duplicates 0, skipped 0, rejected 0\n"), out);
  }

  @Test
  void describesADirectoryAsJson() throws Exception {
    Manifest m = spill(Compression.NONE);
    CliRun run = CliRun.of("inspect", "--json", tmp.resolve("spill").toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    JsonNode j = json.readTree(run.out());
    assertEquals("3f1d2c9e-test", j.get("spillId").textValue());
    assertEquals("complete", j.get("state").textValue());
    assertEquals(2, j.get("formatVersion").intValue());
    assertEquals("2024-05-01T12:05:00Z", j.get("completedAt").textValue());
    assertEquals(220, j.get("rows").longValue());
    assertEquals(m.segments().size(), j.get("segments").intValue());
    assertEquals(220, j.at("/sources/0/counters/read").longValue());
    JsonNode pkg = j.at("/tables/1");
    assertEquals("package \"odd\"", pkg.get("name").textValue());
    assertEquals(2, pkg.get("ordinal").intValue());
    assertEquals("bigint", pkg.at("/columns/0/type").textValue());
    assertEquals(200, pkg.get("rows").longValue());
    assertEquals(m.segmentsOf("package \"odd\"").size(), pkg.get("segments").intValue());
    assertEquals(m.segmentsOf("package \"odd\"").stream().mapToLong(SealedSegment::bytes).sum(), pkg.get("bytes").longValue());
    assertEquals("none", pkg.at("/compressions/0").textValue());
    assertEquals(200, pkg.at("/counters/written").longValue());
  }

  /** Regression: a spill made by `spill` records source fingerprints (an Instant), which --json could not serialise (exit 1). */
  @Test
  void describesARealSpillWithSourceFingerprintsAsJson() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("plan.yaml"), """
        version: 1
        tables:
          t: {columns: {id: bigint, name: text}, id: id, key: [name]}
        sources:
          - file: t.csv
            format: {type: csv, header: true}
            emit: [{table: t, values: {name: $name}}]
        """);
    Files.writeString(in.resolve("t.csv"), "name\na\nb\n");
    CliRun spill = CliRun.of("spill", "--plan", in.resolve("plan.yaml").toString(), "--out", tmp.resolve("real").toString(), "-q");
    assertEquals(ExitCode.OK, spill.exitCode(), spill.toString());
    CliRun run = CliRun.of("inspect", "--json", tmp.resolve("real").toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    JsonNode fingerprint = json.readTree(run.out()).at("/sources/0/fingerprint");
    assertEquals(Files.getLastModifiedTime(in.resolve("t.csv")).toInstant().toString(), fingerprint.get("modifiedAt").textValue());
    assertEquals(Files.size(in.resolve("t.csv")), fingerprint.get("bytes").longValue());
  }

  @Test
  void describesALoneSegmentFileFromItsOwnHeader() throws Exception {
    Manifest m = spill(Compression.ZSTD);
    SealedSegment s = m.segmentsOf("package \"odd\"").get(1);
    Path file = tmp.resolve("spill").resolve(s.file());
    Path lone = Files.copy(file, tmp.resolve("lone.pgcopy.zst")); // no manifest beside it
    CliRun text = CliRun.of("inspect", lone.toString());
    assertEquals(ExitCode.OK, text.exitCode(), text.toString());
    assertTrue(text.out().contains("compression    zstd\n"), text.out());
    assertTrue(text.out().contains("table          package \"odd\" (ordinal 2)\n"), text.out());
    assertTrue(text.out().contains("sequence       2\n"), text.out());
    assertTrue(text.out().contains("rows           " + s.rows() + " (scanned)\n"), text.out());

    JsonNode j = json.readTree(CliRun.of("inspect", "--json", lone.toString()).out());
    assertEquals("3f1d2c9e-test", j.get("spillId").textValue());
    assertEquals(s.rows(), j.get("rows").longValue());
    assertEquals(s.bytes(), j.get("bytes").longValue());
    assertEquals(s.plainBytes(), j.get("plainBytes").longValue());
    assertEquals(s.crc32c(), j.get("crc32c").textValue());
    assertEquals(s.plainCrc32c(), j.get("plainCrc32c").textValue());
    assertEquals("name", j.at("/columns/1/name").textValue());
  }

  @Test
  void aCorruptLoneSegmentExitsFourNamingTheOffset() throws Exception {
    Manifest m = spill(Compression.NONE);
    Path file = tmp.resolve("spill").resolve(m.segments().get(0).file());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 1);
    }
    CliRun run = CliRun.of("inspect", file.toString());
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("spillway: " + file + " at byte "), run.err());
    assertTrue(run.err().contains(" bytes left before its trailer (file size " + (m.segments().get(0).bytes() - 1) + ")"),
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void aMissingPathIsAUsageError() {
    CliRun run = CliRun.of("inspect", tmp.resolve("nothing").toString());
    assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("spillway: no such file or directory: "), run.err());
  }

  @Test
  void aDirectoryWithoutAManifestExitsFour() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    CliRun run = CliRun.of("inspect", tmp.resolve("empty").toString());
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.err().contains("no manifest: not a spill directory"), run.err());
  }
}
