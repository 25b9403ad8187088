package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentVerifierTest {
  @TempDir
  Path tmp;

  private SegmentFixture f;
  private SegmentVerifier verifier;

  @BeforeEach
  void spill() {
    f = new SegmentFixture(tmp.resolve("a"), "spill-aaaa", 300, 2048, 5);
    verifier = new SegmentVerifier(f.dir, f.manifest());
  }

  @Test
  void aCleanSpillVerifies() {
    for (SealedSegment s : f.sealed) {
      SegmentScan scan = verifier.verify(s);
      assertEquals(s.rows(), scan.rows());
      try (StoredSegment stored = StoredSegment.open(f.dir, s); SegmentReader r = stored.reader()) {
        r.scan();
        assertEquals(s.crc32c(), stored.plainCrc32c());
      }
      assertEquals(s.bytes(), scan.bytes());
    }
  }

  @Test
  void aFlippedPayloadBitIsACrcMismatch() throws Exception {
    SealedSegment s = f.sealed.get(1);
    byte[] b = Files.readAllBytes(f.file(1));
    b[b.length - 3] ^= 0x01; // last payload byte of the last tuple: structure unchanged
    Files.write(f.file(1), b);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> verifier.verify(s));
    assertEquals(f.file(1), e.file());
    assertTrue(e.getMessage().contains("CRC32C: expected " + s.crc32c() + " (manifest), found "), e.getMessage());
  }

  @Test
  void aSizeDifferenceIsReportedBeforeReading() throws Exception {
    SealedSegment s = f.sealed.get(0);
    byte[] b = Files.readAllBytes(f.file(0));
    Files.write(f.file(0), java.util.Arrays.copyOf(b, b.length + 5));
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> verifier.verify(s));
    assertEquals(s.bytes(), e.byteOffset());
    assertTrue(e.getMessage().contains("size: expected " + s.bytes() + " bytes (manifest), found " + (s.bytes() + 5)), e.getMessage());
  }

  @Test
  void aMissingSegmentIsNamed() throws Exception {
    Files.delete(f.file(2));
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> verifier.verify(f.sealed.get(2)));
    assertTrue(e.getMessage().contains("missing: the manifest lists it as segment 3 of table package"), e.getMessage());
  }

  /** The same rows spilled under another spill id: same size, valid structure, wrong header. */
  @Test
  void aSegmentFromAnotherSpillIsRefusedByItsHeader() throws Exception {
    SegmentFixture other = new SegmentFixture(tmp.resolve("b"), "spill-bbbb", 300, 2048, 5);
    Files.copy(other.file(0), f.file(0), StandardCopyOption.REPLACE_EXISTING);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> verifier.verify(f.sealed.get(0)));
    assertEquals(SegmentFormat.METADATA_OFFSET, e.byteOffset());
    assertTrue(e.getMessage().contains("header spillId: expected spill-aaaa (manifest), found spill-bbbb"), e.getMessage());
  }

  @Test
  void swappedSegmentsAreRefusedByTheirSequence() throws Exception {
    Path one = f.file(0);
    Path two = f.file(1);
    Path swap = tmp.resolve("swap");
    Files.move(one, swap);
    Files.move(two, one);
    Files.move(swap, two);
    SpillFormatException e = assertThrows(SpillFormatException.class, () -> verifier.verify(f.sealed.get(0)));
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
  }
}
