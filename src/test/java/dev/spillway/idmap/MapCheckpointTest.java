package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.idmap.MapCheckpoint.Kind;
import dev.spillway.idmap.MapCheckpoint.State;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MapCheckpointTest {
  private static final Path FILE = Path.of("/spill/idmap/t.meta");
  private static final MapCheckpoint SAMPLE =
      new MapCheckpoint(Kind.ID_MAP, State.CLOSED, 3, 160_000, 17, 123_456, 2_000_000, 123_457, 1, "order \"items\"/ü");

  @Test
  void roundTrips() {
    assertEquals(SAMPLE, MapCheckpoint.decode(SAMPLE.encode(), FILE, SAMPLE.table()));
    MapCheckpoint keySet = new MapCheckpoint(Kind.KEY_SET, State.OPEN, 1, 4096, 4, 0, 0, 1, 0, "x");
    assertEquals(keySet, MapCheckpoint.decode(keySet.encode(), FILE, "x"));
  }

  @Test
  void layoutMatchesTheJavadoc() {
    ByteBuffer bytes = ByteBuffer.wrap(SAMPLE.encode());
    assertEquals(0x53574944, bytes.getInt(0));
    assertEquals(1, bytes.getShort(4));
    assertEquals(1, bytes.get(6));
    assertEquals(2, bytes.get(7));
    assertEquals(3, bytes.getInt(8));
    assertEquals(123_457, bytes.getLong(40));
    assertEquals(MapCheckpoint.FIXED_BYTES + bytes.getShort(56) + 4, bytes.capacity());
  }

  @Test
  void everySingleFlippedByteIsDetected() {
    byte[] good = SAMPLE.encode();
    for (int offset = 0; offset < good.length; offset++) {
      byte[] bad = good.clone();
      bad[offset] ^= 0x5A;
      int at = offset;
      assertThrows(IdMapCorruptException.class, () -> MapCheckpoint.decode(bad, FILE, SAMPLE.table()), "flip at " + at);
    }
  }

  @Test
  void randomGarbageAndTruncationAreDetected() {
    byte[] good = SAMPLE.encode();
    Random random = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      byte[] bad = Arrays.copyOf(good, random.nextInt(good.length + 8));
      int from = random.nextInt(Math.max(1, bad.length));
      for (int j = from; j < bad.length; j++) {
        bad[j] = (byte) random.nextInt();
      }
      if (!Arrays.equals(bad, good)) {
        assertThrows(IdMapCorruptException.class, () -> MapCheckpoint.decode(bad, FILE, SAMPLE.table()));
      }
    }
  }

  @Test
  void messagesSayWhatWasExpected() {
    byte[] good = SAMPLE.encode();
    assertMessage(Arrays.copyOf(good, 10), "expected at least 62 bytes, found 10");
    assertMessage(Arrays.copyOf(good, good.length + 1), "expected " + good.length + " bytes");
    byte[] badMagic = good.clone();
    badMagic[0] = 'X';
    assertMessage(badMagic, "not an idmap checkpoint");
    byte[] badVersion = good.clone();
    badVersion[5] = 9;
    assertMessage(badVersion, "unsupported checkpoint format version 9, expected 1");
    byte[] badCrc = good.clone();
    badCrc[20] ^= 1;
    assertMessage(badCrc, "checkpoint crc32c mismatch");
  }

  @Test
  void semanticChecksRunAfterTheCrc() {
    MapCheckpoint negative = new MapCheckpoint(Kind.ID_MAP, State.CLOSED, 1, 4096, 4, 10, 5, 11, 0, "t");
    IdMapCorruptException e = assertThrows(IdMapCorruptException.class, () -> MapCheckpoint.decode(negative.encode(), FILE, "t"));
    assertTrue(e.getMessage().contains("keyBytesTotal 5 < entryCount 10"), e.getMessage());
  }

  @Test
  void encodingIsDeterministic() {
    assertArrayEquals(SAMPLE.encode(), SAMPLE.with(State.CLOSED).encode());
  }

  private static void assertMessage(byte[] bytes, String expected) {
    IdMapCorruptException e = assertThrows(IdMapCorruptException.class, () -> MapCheckpoint.decode(bytes, FILE, SAMPLE.table()));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains(FILE.toString()), e.getMessage());
  }
}
