package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentRecoveryTest {
  @TempDir
  Path tmp;

  /** A crash mid-segment: the sealed segments stay, the torn .tmp is listed, refused, and cut. */
  @Test
  void aTornTmpIsNeverMistakenForASealedSegment() throws Exception {
    SegmentFixture f = new SegmentFixture(tmp.resolve("spill"), "spill-crash", 200, 2048, 7);
    int sealedCount = f.sealed.size();
    byte[] next = Files.readAllBytes(f.file(0));
    SegmentFileName tornName = new SegmentFileName(1, sealedCount + 1);
    Path torn = f.dir.segmentTmpFile(tornName);
    Files.write(torn, Arrays.copyOf(next, next.length - 2)); // everything but the trailer: cut at a tuple boundary
    Path manifestTmp = f.dir.root().resolve("manifest.json.tmp");
    Files.write(manifestTmp, "{\"formatVersion\": 1, \"spi".getBytes());

    SegmentListing listing = f.dir.listSegments();
    assertEquals(sealedCount, listing.sealed().size());
    assertFalse(listing.sealed().contains(tornName));
    assertEquals(List.of(torn), listing.tmp());
    assertThrows(SpillFormatException.class, () -> SegmentReader.scan(torn));
    assertThrows(IllegalArgumentException.class, () -> f.dir.resolveSegment("segments/" + tornName.tmpFileName()));

    SegmentRecovery recovery = new SegmentRecovery(f.dir);
    RecoveryReport dryRun = recovery.inspect();
    assertEquals(next.length - 2 + Files.size(manifestTmp), dryRun.bytesCut());
    assertTrue(Files.exists(torn), "inspect removes nothing");

    RecoveryReport report = recovery.recover();
    assertEquals(dryRun, report);
    assertEquals(List.of(torn, manifestTmp), report.tornFiles().stream().map(RecoveryReport.TornFile::file).toList());
    assertFalse(Files.exists(torn));
    assertFalse(Files.exists(manifestTmp));
    assertEquals(sealedCount, f.dir.listSegments().sealed().size());
    for (int i = 0; i < sealedCount; i++) {
      assertEquals(f.sealed.get(i).rows(), SegmentReader.scan(f.file(i)).rows());
    }
    assertTrue(recovery.recover().clean(), "a second recovery finds nothing");
  }

  /** A writer that dies without sealing leaves only a .tmp; after recovery the table can be written again. */
  @Test
  void anAbandonedWriterLeavesOnlyATmpAndRecoveryLetsTheNextRunWrite() {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("abandoned"));
    SegmentHeader header = Tuples.header("t", 2);
    SegmentWriter crashed = new SegmentWriter(dir, header, 1 << 20, SealListener.NONE);
    for (int i = 0; i < 100; i++) {
      byte[] t = Tuples.idName(i, "row " + i);
      crashed.append(t, 0, t.length);
    }
    // no close(): the process "dies" here
    assertTrue(dir.listSegments().sealed().isEmpty());
    assertEquals(1, dir.listSegments().tmp().size());
    SpillIoException blocked = assertThrows(SpillIoException.class, () -> {
      SegmentWriter again = new SegmentWriter(dir, header, 1 << 20, SealListener.NONE);
      byte[] t = Tuples.idName(1, "x");
      again.append(t, 0, t.length);
    });
    assertTrue(blocked.getMessage().contains("0002-00000001.pgcopy.tmp"), blocked.getMessage());

    RecoveryReport report = new SegmentRecovery(dir).recover();
    assertEquals(1, report.tornFiles().size());
    try (SegmentWriter again = new SegmentWriter(dir, header, 1 << 20, SealListener.NONE)) {
      byte[] t = Tuples.idName(1, "x");
      again.append(t, 0, t.length);
    }
    assertEquals(List.of(new SegmentFileName(2, 1)), dir.listSegments().sealed());
  }

  @Test
  void unexpectedEntriesAreListedApart() throws Exception {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("odd"));
    Files.write(dir.segmentsDir().resolve("notes.txt"), new byte[1]);
    Files.write(dir.segmentsDir().resolve("0001-0000001.pgcopy"), new byte[1]);
    Files.write(dir.segmentsDir().resolve("0000-00000001.pgcopy"), new byte[1]);
    Files.createSymbolicLink(dir.segmentsDir().resolve("0001-00000002.pgcopy"), tmp);
    SegmentListing listing = dir.listSegments();
    assertTrue(listing.sealed().isEmpty());
    assertEquals(4, listing.unexpected().size());
    assertTrue(new SegmentRecovery(dir).recover().clean(), "recovery removes only tmp files");
    assertEquals(4, dir.listSegments().unexpected().size());
  }
}
