package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpillVerifierTest {
  @TempDir
  Path tmp;

  private Manifest manifest;
  private SpillDirectory dir;

  private void spill(Compression compression) {
    Random random = new Random(31);
    List<byte[]> items = new ArrayList<>();
    List<byte[]> tags = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      items.add(TestSpill.idName(i, random.nextInt(9) == 0 ? null : Tuples.randomText(random, 30)));
      tags.add(TestSpill.idName(-i, "tag " + i));
    }
    manifest = TestSpill.in(tmp.resolve("spill")).compression(compression).maxSegmentBytes(2048)
        .table("item", TestSpill.ID_NAME, items).table("tag", TestSpill.ID_NAME, tags).write();
    dir = SpillDirectory.open(tmp.resolve("spill"));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void aCleanSpillIsIntact(Compression compression) {
    spill(compression);
    List<int[]> progress = new ArrayList<>();
    VerifyReport report = new SpillVerifier(dir).verify((done, total, bytesDone, bytesTotal) -> progress.add(new int[] {done, total}));
    assertEquals(List.of(), report.problems());
    assertTrue(report.clean());
    assertEquals(manifest.segments().size(), report.segmentsChecked());
    assertEquals(report.segmentsChecked(), report.segmentsIntact());
    assertEquals(800, report.rows());
    assertEquals(manifest.segments().stream().mapToLong(SealedSegment::bytes).sum(), report.bytes());
    assertEquals(manifest.segments().size(), progress.size());
    assertEquals(progress.size(), progress.get(progress.size() - 1)[0]);
  }

  /** The done-means case: one flipped bit in one segment of a copied directory is reported at that file. */
  @ParameterizedTest
  @EnumSource(Compression.class)
  void oneFlippedBitInOneSegmentIsReportedAtThatFileOnly(Compression compression) throws Exception {
    spill(compression);
    Random random = new Random(5);
    for (int round = 0; round < 40; round++) {
      SealedSegment victim = manifest.segments().get(random.nextInt(manifest.segments().size()));
      Path file = dir.root().resolve(victim.file());
      byte[] original = Files.readAllBytes(file);
      int bit = random.nextInt(original.length * 8);
      FileSurgery.xor(file, bit / 8, 1 << (bit % 8), original);
      VerifyReport report = new SpillVerifier(dir).verify(VerifyListener.NONE);
      assertEquals(1, report.problems().size(), "bit " + bit + " of " + victim.file() + ": " + report.problems());
      assertEquals(file, report.problems().get(0).file(), report.problems().toString());
      assertEquals(report.segmentsChecked() - 1, report.segmentsIntact());
      FileSurgery.put(file, bit / 8, new byte[] {original[bit / 8]});
    }
    assertTrue(new SpillVerifier(dir).verify(VerifyListener.NONE).clean());
  }

  @Test
  void everythingBesideTheListedSegmentsIsReported() throws Exception {
    spill(Compression.NONE);
    SealedSegment last = manifest.segments().get(manifest.segments().size() - 1);
    Path missing = dir.root().resolve(manifest.segments().get(0).file());
    Files.delete(missing);
    Path unlisted = dir.segmentFile(new SegmentFileName(2, last.sequence() + 1));
    Files.write(unlisted, new byte[] {1, 2, 3});
    Path torn = dir.segmentTmpFile(new SegmentFileName(2, last.sequence() + 2), Compression.ZSTD);
    Files.write(torn, new byte[17]);
    Path stray = dir.segmentsDir().resolve("notes.txt");
    Files.writeString(stray, "hello");
    Path link = Files.createSymbolicLink(dir.segmentsDir().resolve("link.pgcopy"), missing);
    Path subdir = Files.createDirectory(dir.segmentsDir().resolve("old"));
    Path tornManifest = dir.root().resolve("manifest.json.tmp");
    Files.writeString(tornManifest, "{\"formatVersion\": 2, \"spi");

    VerifyReport report = new SpillVerifier(dir).verify(VerifyListener.NONE);
    List<String> lines = report.problems().stream().map(p -> p.describe(dir.root())).toList();
    assertEquals(List.of(
        "segments/0001-00000001.pgcopy: missing: the manifest lists it as segment 1 of table item",
        "segments/" + unlisted.getFileName() + ": sealed segment not listed in the manifest (unreferenced: a crash between "
            + "sealing and the manifest update, or a stray copy)",
        "segments/" + torn.getFileName() + ": torn segment: an unsealed .tmp of 17 bytes left by an interrupted spill "
            + "(never loaded; recovery removes it)",
        "segments/link.pgcopy: unexpected symbolic link in segments/ (segments are regular files)",
        "segments/notes.txt: unexpected file in segments/",
        "segments/old: unexpected directory in segments/",
        "manifest.json.tmp: torn manifest: an unpublished manifest of 25 bytes left by an interrupted write "
            + "(manifest.json is the valid one; recovery removes it)"), lines);
    assertEquals(report.segmentsChecked() - 1, report.segmentsIntact());
  }

  @Test
  void aListedSegmentThatIsASymbolicLinkIsRefusedAtThatSegment() throws Exception {
    spill(Compression.NONE);
    Path file = dir.root().resolve(manifest.segments().get(1).file());
    Path elsewhere = Files.move(file, tmp.resolve("elsewhere.pgcopy"));
    Files.createSymbolicLink(file, elsewhere);
    VerifyReport report = new SpillVerifier(dir).verify(VerifyListener.NONE);
    assertEquals(1, report.problems().size(), report.problems().toString());
    assertEquals("segments/0001-00000002.pgcopy: segment file segments/0001-00000002.pgcopy is a symbolic link (refused)",
        report.problems().get(0).describe(dir.root()));
  }

  @Test
  void anOpenSpillIsNotIntact() {
    manifest = TestSpill.in(tmp.resolve("spill")).open().table("item", TestSpill.ID_NAME, List.of(TestSpill.idName(1, "a")))
        .write();
    dir = SpillDirectory.open(tmp.resolve("spill"));
    VerifyReport report = new SpillVerifier(dir).verify(VerifyListener.NONE);
    assertEquals(1, report.problems().size());
    assertTrue(report.problems().get(0).problem().startsWith("state is open: stage one has not completed this spill"),
        report.problems().toString());
    assertEquals(1, report.segmentsIntact());
  }

  @Test
  void anUnreadableManifestIsTheOnlyProblemReported() throws Exception {
    spill(Compression.NONE);
    Files.writeString(dir.manifestFile(), "{\"formatVersion\": 9}");
    VerifyReport report = new SpillVerifier(dir).verify(VerifyListener.NONE);
    assertEquals(List.of("manifest.json: manifest formatVersion 9 is not supported: this spillway reads formatVersion 2"),
        report.problems().stream().map(p -> p.describe(dir.root())).toList());
    assertTrue(report.manifest().isEmpty());
  }
}
