package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code spillway cat} through the command line: selection, formats, and what it refuses. */
class CatCommandTest {
  @TempDir
  Path tmp;

  private Manifest spill(Compression compression) {
    List<byte[]> rows = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      rows.add(TestSpill.idName(i, i % 10 == 0 ? null : i % 10 == 5 ? "" : "name, " + i));
    }
    return TestSpill.in(tmp.resolve("spill")).compression(compression).maxSegmentBytes(600)
        .table("item", TestSpill.ID_NAME, rows).table("empty", TestSpill.ID_NAME, List.of()).write();
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void printsEveryRowOfATableAcrossItsSegments(Compression compression) {
    Manifest m = spill(compression);
    assertTrue(m.segmentsOf("item").size() > 3);
    CliRun run = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item");
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    List<String> lines = run.out().lines().toList();
    assertEquals(100, lines.size());
    assertEquals("1,\"name, 1\"", lines.get(0));
    assertEquals("5,\"\"", lines.get(4), "empty string");
    assertEquals("10,", lines.get(9), "NULL");
    assertEquals("", run.err());
  }

  @Test
  void rowAndLimitSelectAcrossSegmentBoundaries() {
    Manifest m = spill(Compression.NONE);
    long firstSegmentRows = m.segmentsOf("item").get(0).rows();
    for (long n : new long[] {1, firstSegmentRows, firstSegmentRows + 1, 100}) {
      CliRun run = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item", "--row", String.valueOf(n));
      assertEquals(ExitCode.OK, run.exitCode(), run.toString());
      assertTrue(run.out().startsWith(n + ","), "row " + n + ": " + run.out());
      assertEquals(1, run.out().lines().count());
    }
    CliRun past = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item", "--row", "999999");
    assertEquals(ExitCode.USAGE, past.exitCode(), past.toString());
    assertTrue(past.err().contains("row 999999 does not exist: table 'item' in spill " + tmp.resolve("spill")
        + " has 100 rows"), past.err());
    assertEquals("", past.out());
    CliRun pastLast = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item", "--row", "101");
    assertEquals(ExitCode.USAGE, pastLast.exitCode(), pastLast.toString());
    Path first = tmp.resolve("spill").resolve(m.segmentsOf("item").get(0).file());
    CliRun pastLone = CliRun.of("cat", first.toString(), "--row", String.valueOf(firstSegmentRows + 1));
    assertEquals(ExitCode.USAGE, pastLone.exitCode(), pastLone.toString());
    assertTrue(pastLone.err().contains("segment " + first + " has " + firstSegmentRows + " rows"), pastLone.err());
    CliRun limit = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item", "--limit", "13", "--format", "tsv");
    assertEquals(13, limit.out().lines().count(), limit.toString());
    assertEquals("10\t\\N", limit.out().lines().toList().get(9));
    assertEquals("", CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "empty").out());
  }

  @Test
  void readsALoneSegmentFile() {
    Manifest m = spill(Compression.ZSTD);
    SealedSegment second = m.segmentsOf("item").get(1);
    Path file = tmp.resolve("spill").resolve(second.file());
    CliRun run = CliRun.of("cat", file.toString(), "--format", "jsonl", "--limit", "1");
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    long firstId = m.segmentsOf("item").get(0).rows() + 1;
    assertTrue(run.out().startsWith("{\"id\":" + firstId + ",\"name\":"), run.out());
    CliRun wrongTable = CliRun.of("cat", file.toString(), "--table", "other");
    assertEquals(ExitCode.USAGE, wrongTable.exitCode(), wrongTable.toString());
    assertTrue(wrongTable.err().contains("holds rows of table 'item', not 'other'"), wrongTable.err());
  }

  @Test
  void usageErrorsExitTwo() {
    spill(Compression.NONE);
    String dir = tmp.resolve("spill").toString();
    CliRun noTable = CliRun.of("cat", dir);
    assertEquals(ExitCode.USAGE, noTable.exitCode(), noTable.toString());
    assertTrue(noTable.err().contains("--table is required"), noTable.err());
    CliRun unknown = CliRun.of("cat", dir, "--table", "ghost");
    assertEquals(ExitCode.USAGE, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().contains("no table 'ghost' in spill " + tmp.resolve("spill") + " (tables: item, empty)"), unknown.err());
    CliRun both = CliRun.of("cat", dir, "--table", "item", "--row", "1", "--limit", "2");
    assertEquals(ExitCode.USAGE, both.exitCode(), both.toString());
    assertTrue(both.err().contains("mutually exclusive"), both.err());
    CliRun format = CliRun.of("cat", dir, "--table", "item", "--format", "xml");
    assertEquals(ExitCode.USAGE, format.exitCode(), format.toString());
    assertTrue(format.err().contains("expected one of csv, tsv, jsonl, binary, found 'xml'"), format.err());
    CliRun zero = CliRun.of("cat", dir, "--table", "item", "--row", "0");
    assertEquals(ExitCode.USAGE, zero.exitCode(), zero.toString());
    assertEquals(ExitCode.USAGE, CliRun.of("cat", tmp.resolve("nothing").toString()).exitCode());
  }

  @Test
  void aCorruptSegmentExitsFourNamingItsFileAndOffset() throws Exception {
    Manifest m = spill(Compression.NONE);
    SealedSegment victim = m.segmentsOf("item").get(2);
    Path file = tmp.resolve("spill").resolve(victim.file());
    long at = Files.size(file) - 8; // inside the last tuple's text payload: only the CRC can tell
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
    CliRun run = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item");
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("spillway: " + file + ": CRC32C: expected " + victim.crc32c()), run.err());

    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 3);
    }
    CliRun cut = CliRun.of("cat", file.toString());
    assertEquals(ExitCode.CORRUPT, cut.exitCode(), cut.toString());
    assertTrue(cut.err().startsWith("spillway: " + file), cut.err());
    assertTrue(cut.err().contains("size: expected " + victim.bytes() + " bytes (manifest)"), cut.err());
    Path copy = Files.copy(file, tmp.resolve("lone.pgcopy")); // no manifest beside it: the structure scan finds the cut
    CliRun lone = CliRun.of("cat", copy.toString());
    assertEquals(ExitCode.CORRUPT, lone.exitCode(), lone.toString());
    assertTrue(lone.err().startsWith("spillway: " + copy + " at byte "), lone.err());
    assertEquals("", lone.out(), "no row of a segment is printed before it is checked");
  }

  /** A bit flip only the CRC can see: nothing of the table is printed, of the segment file alone neither. */
  @ParameterizedTest
  @EnumSource(Compression.class)
  void noRowIsPrintedBeforeItsSegmentIsVerified(Compression compression) throws Exception {
    Manifest m = spill(compression);
    SealedSegment victim = m.segmentsOf("item").get(0);
    Path file = tmp.resolve("spill").resolve(victim.file());
    flipPayloadBit(file, compression);
    CliRun run = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item");
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertEquals("", run.out());
    CliRun row = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item", "--row", "1");
    assertEquals(ExitCode.CORRUPT, row.exitCode(), row.toString());
    assertEquals("", row.out());
    CliRun lone = CliRun.of("cat", file.toString());
    assertEquals(ExitCode.CORRUPT, lone.exitCode(), lone.toString());
    assertTrue(lone.err().startsWith("spillway: " + file), lone.err());
    assertEquals("", lone.out());
  }

  /** A defect in the third segment: the output holds exactly the (verified) rows of the two before it. */
  @Test
  void outputStopsBeforeTheFirstRowOfABadSegment() throws Exception {
    Manifest m = spill(Compression.NONE);
    List<SealedSegment> segments = m.segmentsOf("item");
    flipPayloadBit(tmp.resolve("spill").resolve(segments.get(2).file()), Compression.NONE);
    CliRun run = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item");
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertEquals(segments.get(0).rows() + segments.get(1).rows(), run.out().lines().count(), run.out());
  }

  @Test
  void aLoneFileInsideSegmentsMustBeListedInTheManifest() throws Exception {
    Manifest m = spill(Compression.NONE);
    Path listed = tmp.resolve("spill").resolve(m.segmentsOf("item").get(0).file());
    Path unlisted = Files.copy(listed, listed.resolveSibling("0001-00000099.pgcopy"));
    CliRun run = CliRun.of("cat", unlisted.toString());
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.err().contains("not listed in " + tmp.resolve("spill/manifest.json")), run.err());
    assertEquals("", run.out());
    CliRun ok = CliRun.of("cat", listed.toString(), "--table", "item");
    assertEquals(ExitCode.OK, ok.exitCode(), ok.toString());
    assertEquals(m.segmentsOf("item").get(0).rows(), ok.out().lines().count());
  }

  /** Flips one bit of the last tuple's text (plain) or of the last byte of the zstd frame's checksum region. */
  private static void flipPayloadBit(Path file, Compression compression) throws Exception {
    long at = compression == Compression.NONE ? Files.size(file) - 8 : Files.size(file) - 31;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
  }

  @Test
  void outputFileAppearsOnlyWhenComplete() throws Exception {
    spill(Compression.NONE);
    Path out = tmp.resolve("item.csv");
    CliRun ok = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item", "-o", out.toString());
    assertEquals(ExitCode.OK, ok.exitCode(), ok.toString());
    assertEquals(100, Files.readAllLines(out).size());
    assertEquals(dev.spillway.segment.OwnerOnly.FILE_PERMISSIONS, Files.getPosixFilePermissions(out));
    assertTrue(Files.notExists(tmp.resolve("item.csv.tmp")));

    List<byte[]> rows = List.of(TestSpill.idName(1, "ok"), new dev.spillway.pgbinary.ByteSink().writeShort(2).writeInt(3)
        .write(new byte[] {1, 2, 3}).writeInt(-1).toByteArray());
    TestSpill.in(tmp.resolve("bad")).table("item", TestSpill.ID_NAME, rows).write();
    Path partial = tmp.resolve("partial.csv");
    CliRun bad = CliRun.of("cat", tmp.resolve("bad").toString(), "--table", "item", "-o", partial.toString());
    assertEquals(ExitCode.CORRUPT, bad.exitCode(), bad.toString());
    assertTrue(Files.notExists(partial), "a partial output would load as if complete");
    assertTrue(Files.notExists(tmp.resolve("partial.csv.tmp")));
    CliRun keep = CliRun.of("cat", tmp.resolve("bad").toString(), "--table", "item", "-o", out.toString());
    assertEquals(ExitCode.CORRUPT, keep.exitCode(), keep.toString());
    assertEquals(100, Files.readAllLines(out).size(), "a failed cat leaves an earlier complete output alone");
  }

  @Test
  void aPayloadItsTypeCannotDecodeIsNamedByRowAndColumn() throws Exception {
    List<byte[]> rows = List.of(TestSpill.idName(1, "ok"), new dev.spillway.pgbinary.ByteSink().writeShort(2).writeInt(3)
        .write(new byte[] {1, 2, 3}).writeInt(-1).toByteArray());
    TestSpill.in(tmp.resolve("bad")).table("item", TestSpill.ID_NAME, rows).write();
    CliRun run = CliRun.of("cat", tmp.resolve("bad").toString(), "--table", "item");
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.err().contains(": row 2, column id (bigint): "), run.err());
    assertEquals("", run.out(), "verification decodes every value first: nothing of a segment holding a bad one is printed");
  }

  @Test
  void manifestPathsOutsideTheDirectoryAreRefused() throws Exception {
    spill(Compression.NONE);
    Path manifest = tmp.resolve("spill/manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replaceFirst("segments/0001-00000001\\.pgcopy", "../../etc/passwd"));
    CliRun run = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item");
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.err().contains("segment file ../../etc/passwd has a '..' component"), run.err());
  }
}
