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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerifyCommandTest {
  @TempDir
  Path tmp;

  private Manifest spill(Path root, Compression compression) {
    List<byte[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(TestSpill.idName(i, "row " + i + " " + "x".repeat(i % 40)));
    }
    return TestSpill.in(root).compression(compression).maxSegmentBytes(2048)
        .table("item", TestSpill.ID_NAME, rows).table("other", TestSpill.ID_NAME, rows.subList(0, 10)).write();
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void anIntactCopyVerifiesWithExitZero(Compression compression) {
    Manifest m = spill(tmp.resolve("spill"), compression);
    Path copy = SpillCopies.copy(tmp.resolve("spill"), tmp.resolve("restored/spill"));
    CliRun run = CliRun.of("verify", copy.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    long bytes = m.segments().stream().mapToLong(SealedSegment::bytes).sum();
    assertEquals("OK: " + m.segments().size() + " segments, 310 rows, " + Units.bytes(bytes) + " intact in " + copy + "\n",
        run.out());
    assertEquals("", run.err(), "no progress for a small directory off a terminal");
  }

  /** Done means: a corrupted copy of a spill directory, one flipped bit in one segment, is reported at the right file. */
  @ParameterizedTest
  @EnumSource(Compression.class)
  void aFlippedBitInACopiedDirectoryIsReportedAtItsFileWithExitFour(Compression compression) throws Exception {
    Manifest m = spill(tmp.resolve("spill"), compression);
    Path copy = SpillCopies.copy(tmp.resolve("spill"), tmp.resolve("copy"));
    SealedSegment victim = m.segments().get(3);
    Path file = copy.resolve(victim.file());
    int bit = new Random(3).nextInt((int) victim.bytes() * 8);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(bit / 8);
      int b = f.read();
      f.seek(bit / 8);
      f.write(b ^ (1 << (bit % 8)));
    }
    CliRun run = CliRun.of("verify", copy.toString());
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    List<String> lines = run.out().lines().toList();
    assertEquals(2, lines.size(), run.toString());
    assertTrue(lines.get(0).startsWith(victim.file() + ": "), lines.get(0));
    assertEquals("FAILED: 1 problem in " + copy + "; " + (m.segments().size() - 1) + " of " + m.segments().size()
        + " listed segments intact", lines.get(1));
    assertEquals(ExitCode.OK, CliRun.of("verify", tmp.resolve("spill").toString()).exitCode(), "the original is untouched");
  }

  @Test
  void aStructuralDefectIsReportedWithItsByteOffset() throws Exception {
    Manifest m = spill(tmp.resolve("spill"), Compression.NONE);
    SealedSegment victim = m.segments().get(1);
    Path file = tmp.resolve("spill").resolve(victim.file());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(11); // flags
      f.write(0x80);
    }
    CliRun run = CliRun.of("verify", tmp.resolve("spill").toString());
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith(victim.file() + ": byte 11: flags field is 0x80000000, expected 0x00000000"), run.out());
  }

  @Test
  void progressLinesGoToStderrWhenAsked() {
    Manifest m = spill(tmp.resolve("spill"), Compression.NONE);
    CliRun run = CliRun.of("verify", "--progress", tmp.resolve("spill").toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    List<String> lines = run.err().lines().toList();
    assertTrue(lines.size() >= 2 && lines.size() <= 11, run.err());
    lines.forEach(l -> assertTrue(l.matches("verify +\\d+% .*[0-9.]+/[0-9.]+ KiB .*"), l));
    assertTrue(lines.get(lines.size() - 1).startsWith("verify 100%"), run.err());
    assertTrue(lines.get(lines.size() - 1).endsWith("done"), run.err());
    assertEquals("", CliRun.of("verify", "--no-progress", tmp.resolve("spill").toString()).err());
  }

  @Test
  void strayAndTornFilesFailVerification() throws Exception {
    spill(tmp.resolve("spill"), Compression.ZSTD);
    Files.write(tmp.resolve("spill/segments/0002-00000009.pgcopy.zst.tmp"), new byte[5]);
    CliRun run = CliRun.of("verify", tmp.resolve("spill").toString());
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("segments/0002-00000009.pgcopy.zst.tmp: torn segment: an unsealed .tmp of 5 bytes"),
        run.out());
  }

  @Test
  void manifestPathsOutsideThePatternAreRefused() throws Exception {
    spill(tmp.resolve("spill"), Compression.NONE);
    Path manifest = tmp.resolve("spill/manifest.json");
    String json = Files.readString(manifest);
    for (String bad : List.of("../../etc/passwd", "/etc/passwd", "segments/../manifest.json", "segments/0001-00000001.pgcopy.tmp")) {
      Files.writeString(manifest, json.replaceFirst("segments/0001-00000001\\.pgcopy", bad));
      CliRun run = CliRun.of("verify", tmp.resolve("spill").toString());
      assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
      assertTrue(run.out().startsWith("manifest.json: byte "), run.out());
      assertTrue(run.out().contains(": manifest: segments[0].file: segment file " + bad), run.out());
      CliRun inspect = CliRun.of("inspect", tmp.resolve("spill").toString());
      assertEquals(ExitCode.CORRUPT, inspect.exitCode(), inspect.toString());
      assertTrue(inspect.err().contains("segment file " + bad), inspect.err());
    }
  }

  @Test
  void aSymbolicLinkedSegmentsDirectoryIsRefused() throws Exception {
    spill(tmp.resolve("spill"), Compression.NONE);
    Path segments = tmp.resolve("spill/segments");
    Path elsewhere = Files.move(segments, tmp.resolve("elsewhere"));
    Files.createSymbolicLink(segments, elsewhere);
    CliRun run = CliRun.of("verify", tmp.resolve("spill").toString());
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.out().contains("segments: is a symbolic link (refused)"), run.out());
  }

  @Test
  void anUnknownManifestVersionIsRefusedNamingBoth() throws Exception {
    spill(tmp.resolve("spill"), Compression.NONE);
    Path manifest = tmp.resolve("spill/manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"formatVersion\" : 2", "\"formatVersion\" : 3"));
    CliRun run = CliRun.of("verify", tmp.resolve("spill").toString());
    assertEquals(ExitCode.CORRUPT, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("manifest.json: manifest formatVersion 3 is not supported: this spillway reads "
        + "formatVersion 2"), run.out());
  }

  @Test
  void aMissingDirectoryIsAUsageError() {
    CliRun run = CliRun.of("verify", tmp.resolve("nope").toString());
    assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("spillway: no such directory: "), run.err());
  }
}
