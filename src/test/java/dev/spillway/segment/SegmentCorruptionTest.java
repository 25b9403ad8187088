package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded corruption of a real segment (Kafka's "overwrite with garbage from a random offset"
 * approach, plus truncation at every offset, length-field surgery, appended bytes and bit flips).
 * Every case must end in a SpillFormatException from the verifier: never an OutOfMemoryError, a
 * hang, another exception type, or a different row count accepted as valid. Where the reader alone
 * must catch the damage, it must deliver exactly the tuples before it and name an offset no earlier
 * than the damaged element.
 */
class SegmentCorruptionTest {
  private static final long SEED = 20240501L;

  @TempDir
  Path tmp;

  private SegmentFixture fixture;
  private SealedSegment entry;
  private Path file;
  private byte[] original;
  private SegmentBytes layout;
  private SegmentVerifier verifier;

  @BeforeEach
  void writeAValidSegment() throws Exception {
    fixture = new SegmentFixture(tmp.resolve("spill"), "spill-fuzz", 60, 1 << 20, SEED);
    assertEquals(1, fixture.sealed.size());
    entry = fixture.sealed.get(0);
    file = fixture.file(0);
    original = Files.readAllBytes(file);
    layout = new SegmentBytes(fixture.firstHeader, fixture.tuples);
    assertArrayEquals(layout.bytes, original, "fixture layout matches the writer's output");
    verifier = new SegmentVerifier(fixture.dir, fixture.manifest());
    verifier.verify(entry);
  }

  @Test
  void garbageFromARandomOffsetIsAlwaysRefusedAndTheValidPrefixSurvives() throws Exception {
    Random random = new Random(SEED);
    for (int round = 0; round < 1000; round++) {
      int offset = random.nextInt(original.length);
      byte[] damaged = original.clone();
      for (int i = offset; i < damaged.length; i++) {
        damaged[i] = (byte) random.nextInt(256);
      }
      damaged[offset] = (byte) (original[offset] ^ (1 + random.nextInt(255)));
      String what = "round " + round + ", garbage from byte " + offset;
      assertVerifierRefuses(damaged, what);
      assertValidPrefixSurvives(damaged, offset, what);
    }
  }

  @Test
  void truncationAtEveryOffsetIsRefused() throws Exception {
    for (int n = 0; n < original.length; n++) {
      byte[] cut = Arrays.copyOf(original, n);
      String what = "cut to " + n + " bytes";
      if (n % 16 == 0) {
        assertVerifierRefuses(cut, what); // the size check catches these first; the reader is the point here
      }
      SpillFormatException known = readerRefuses(cut, cut.length, what);
      assertTrue(known.byteOffset() <= n, what + ": " + known.getMessage());
      SpillFormatException unknown = readerRefuses(cut, -1, what + " (size unknown)");
      assertTrue(unknown.byteOffset() <= n, what + ": " + unknown.getMessage());
    }
  }

  @Test
  void lengthFieldsSetToHugeNegativeAndOffByOneValues() throws Exception {
    int readerCaught = 0;
    int cases = 0;
    for (int at : layout.lengthOffsets) {
      int len = layout.intAt(at);
      for (int bad : new int[] {Integer.MAX_VALUE, SegmentFormat.MAX_FIELD_BYTES + 1, SegmentFormat.MAX_FIELD_BYTES,
          original.length, Integer.MIN_VALUE, -2, len + 1, len - 1}) {
        if (bad == len || (len <= 0 && bad == len + 1) || (len == 0 && bad == -1)) {
          continue; // NULL <-> empty keeps the structure valid: only the CRC can tell (checked below)
        }
        byte[] damaged = layout.withInt(at, bad);
        String what = "length at byte " + at + " changed from " + len + " to " + bad;
        assertVerifierRefuses(damaged, what);
        cases++;
        if (bad > SegmentFormat.MAX_FIELD_BYTES || bad < -1 || bad >= original.length - at) {
          SpillFormatException e = readerRefuses(damaged, damaged.length, what);
          assertEquals(at, e.byteOffset(), what + ": " + e.getMessage());
          readerRefuses(damaged, -1, what + " (size unknown)");
        }
        readerCaught += structurallyRefused(damaged) ? 1 : 0;
      }
      if (len == 0 || len == -1) {
        assertVerifierRefuses(layout.withInt(at, len == 0 ? -1 : 0), "NULL/empty swap at byte " + at);
      }
    }
    assertTrue(readerCaught > cases * 9 / 10, "the structure alone caught " + readerCaught + " of " + cases);
  }

  @Test
  void fieldCountsOtherThanTheColumnCountAreRefused() throws Exception {
    for (int at : layout.tupleOffsets) {
      for (int bad : new int[] {0, 1, 3, -2, Short.MAX_VALUE, Short.MIN_VALUE}) {
        byte[] damaged = layout.withShort(at, bad);
        String what = "field count at byte " + at + " set to " + bad;
        assertVerifierRefuses(damaged, what);
        assertEquals(at, readerRefuses(damaged, damaged.length, what).byteOffset());
      }
    }
  }

  @Test
  void bytesAppendedAfterTheTrailerAreRefused() throws Exception {
    Random random = new Random(SEED);
    byte[] aValidTuple = fixture.tuples.get(0);
    for (int extra = 1; extra <= 64; extra++) {
      byte[] longer = Arrays.copyOf(original, original.length + extra);
      for (int i = original.length; i < longer.length; i++) {
        longer[i] = (byte) random.nextInt(256);
      }
      assertVerifierRefuses(longer, extra + " bytes appended");
      assertEquals(original.length, readerRefuses(longer, longer.length, extra + " bytes appended").byteOffset());
    }
    byte[] oneMoreTuple = Arrays.copyOf(original, original.length + aValidTuple.length + 2);
    System.arraycopy(aValidTuple, 0, oneMoreTuple, original.length, aValidTuple.length);
    oneMoreTuple[oneMoreTuple.length - 2] = (byte) 0xFF;
    oneMoreTuple[oneMoreTuple.length - 1] = (byte) 0xFF;
    assertEquals(original.length, readerRefuses(oneMoreTuple, oneMoreTuple.length, "a tuple and trailer appended").byteOffset());
  }

  @Test
  void everySingleBitFlipIsCaughtByTheVerifier() throws Exception {
    Random random = new Random(SEED);
    int structurallyValid = 0;
    for (int round = 0; round < 1000; round++) {
      int bit = random.nextInt(original.length * 8);
      byte[] damaged = original.clone();
      damaged[bit / 8] ^= (byte) (1 << (bit % 8));
      String what = "bit " + bit + " flipped";
      SpillFormatException refused = assertVerifierRefuses(damaged, what);
      if (!structurallyRefused(damaged)) {
        // A flip in a payload, or one that grows a length over exactly the next tuple, leaves a valid
        // structure (possibly with another row count): only the manifest's header values, rows and
        // CRC32C catch it.
        structurallyValid++;
        String m = refused.getMessage();
        assertTrue(m.contains("CRC32C: expected") || m.contains("row count: expected") || m.contains(": header "),
            what + ": " + refused.getMessage());
      }
    }
    assertTrue(structurallyValid > 0, "the fixture has payload bytes, so some flips keep the structure");
  }

  /** Regression: one bit flipped in a length word made tuple 12 swallow tuple 13: valid structure, 59 rows. */
  @Test
  void aLengthGrownOverTheNextTupleIsCaughtByTheManifestRowCountAndCrc() throws Exception {
    int at = layout.lengthOffsets.get(2 * 11 + 1); // tuple 12, field 2
    int len = layout.intAt(at);
    int swallowed = fixture.tuples.get(12).length;
    byte[] damaged = layout.withInt(at, len + swallowed);
    assertEquals(entry.rows() - 1, scanBytes(damaged, damaged.length).rows(), "structurally valid, one row fewer");
    SpillFormatException e = assertVerifierRefuses(damaged, "tuple 12 swallows tuple 13");
    assertTrue(e.getMessage().contains("row count: expected " + entry.rows() + " (manifest), found " + (entry.rows() - 1)), e.getMessage());
  }

  // ---- helpers ----

  private SpillFormatException assertVerifierRefuses(byte[] damaged, String what) throws Exception {
    Files.write(file, damaged);
    try {
      SegmentScan scan = verifier.verify(entry);
      throw new AssertionError(what + ": accepted as valid with " + scan.rows() + " rows");
    } catch (SpillFormatException expected) {
      assertEquals(file, expected.file(), what);
      return expected;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": expected a SpillFormatException, got " + e, e);
    }
  }

  /** Reads tuples until the reader throws; all tuples that lie wholly before {@code offset} must come out intact. */
  private void assertValidPrefixSurvives(byte[] damaged, int offset, String what) {
    List<byte[]> delivered = new ArrayList<>();
    SpillFormatException failure = null;
    try (SegmentReader r = new SegmentReader(file, new ByteArrayInputStream(damaged), damaged.length)) {
      RawTuple t = new RawTuple();
      while (r.next(t)) {
        delivered.add(t.toByteArray());
      }
    } catch (SpillFormatException e) {
      failure = e;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": expected a SpillFormatException, got " + e, e);
    }
    int intact = 0;
    while (intact < layout.tupleOffsets.size() && layout.tupleOffsets.get(intact) + fixture.tuples.get(intact).length <= offset) {
      intact++;
    }
    assertTrue(delivered.size() >= intact, what + ": only " + delivered.size() + " of the " + intact + " intact tuples delivered");
    for (int i = 0; i < intact; i++) {
      assertArrayEquals(fixture.tuples.get(i), delivered.get(i), what + ": tuple " + i);
    }
    if (failure != null && offset >= layout.headerBytes) {
      assertTrue(failure.byteOffset() >= offset - 3, what + ": defect reported before the damage: " + failure.getMessage());
    }
  }

  private SpillFormatException readerRefuses(byte[] bytes, long size, String what) {
    try {
      SegmentScan scan = scanBytes(bytes, size);
      throw new AssertionError(what + ": the reader accepted it with " + scan.rows() + " rows");
    } catch (SpillFormatException expected) {
      return expected;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": expected a SpillFormatException, got " + e, e);
    }
  }

  private boolean structurallyRefused(byte[] bytes) {
    try {
      scanBytes(bytes, bytes.length);
      return false;
    } catch (SpillFormatException e) {
      return true;
    }
  }

  private SegmentScan scanBytes(byte[] bytes, long size) {
    try (SegmentReader r = new SegmentReader(file, new ByteArrayInputStream(bytes), size)) {
      return r.scan();
    }
  }
}
