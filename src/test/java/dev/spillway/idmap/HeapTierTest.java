package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.idmap.MapCheckpoint.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: the on-heap tier of {@link RehashingMap} within a {@link HeapBudget}. */
class HeapTierTest {
  @TempDir
  Path dir;

  @Test
  void aSmallMapStaysOnTheHeapWithoutAFileUntilItClosesThenReopensWithTheSameAnswers() throws Exception {
    HeapBudget budget = new HeapBudget(8 << 20);
    MapFiles files = new MapFiles(dir, "small");
    NaturalKey key = new NaturalKey();
    try (RehashingMap map = RehashingMap.open(files, Kind.ID_MAP, 1 << 20, 24, budget)) {
      for (int i = 0; i < 20_000; i++) {
        assertEquals(IdMap.ABSENT, map.putIfAbsent(key.clear().addText("k" + i), i + 1));
      }
      assertEquals(7L, map.putIfAbsent(key.clear().addText("k6"), 99), "present: the stored value, not the new one");
      assertTrue(map.onHeap());
      assertFalse(Files.exists(files.dataFile(1)), "no data file while the keys are on the heap");
      assertTrue(budget.usedBytes() > 0);
    }
    assertEquals(0, budget.usedBytes(), "closing returns the heap");
    assertFalse(Files.exists(files.dataFile(1)), "no Chronicle Map inserts at close");
    assertTrue(Files.exists(files.snapshotFile(1)), "the entries in one sequential file");
    try (RehashingMap reopened = RehashingMap.open(files, Kind.ID_MAP, 1, 24, new HeapBudget(8 << 20))) {
      assertFalse(reopened.onHeap(), "a reopened map lives in its file");
      assertEquals(20_000, reopened.entryCount());
      assertEquals(2, reopened.generation(), "the snapshot became a Chronicle Map generation");
      assertFalse(Files.exists(files.snapshotFile(1)));
      for (int i = 0; i < 20_000; i += 7) {
        assertEquals(i + 1, reopened.get(key.clear().addText("k" + i)));
      }
      assertEquals(IdMap.ABSENT, reopened.get(key.clear().addText("k20000")));
      assertEquals(IdMap.ABSENT, reopened.putIfAbsent(key.clear().addText("k20000"), 20_001));
    }
    try (RehashingMap again = RehashingMap.open(files, Kind.ID_MAP, 1, 24, HeapBudget.none())) {
      assertEquals(20_001, again.entryCount());
      assertEquals(20_001L, again.get(key.clear().addText("k20000")));
    }
  }

  @Test
  void aDamagedSnapshotIsRefusedNamingTheFileAndWhereWhileTheIntactOneReopens() throws Exception {
    NaturalKey key = new NaturalKey();
    Random random = new Random(3);
    for (int round = 0; round < 12; round++) {
      MapFiles files = new MapFiles(dir.resolve("r" + round), "t");
      Files.createDirectories(files.directory());
      try (RehashingMap map = RehashingMap.open(files, Kind.KEY_SET, 4096, 8, new HeapBudget(1 << 20))) {
        for (int i = 0; i < 500; i++) {
          map.putIfAbsent(key.clear().addText("key " + i), i + 1);
        }
      }
      Path snapshot = files.snapshotFile(1);
      byte[] bytes = Files.readAllBytes(snapshot);
      byte[] damaged = round % 3 == 0
          ? java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length)) // torn
          : flip(bytes, random.nextInt(bytes.length));
      Files.write(snapshot, damaged);
      IdMapCorruptException e = org.junit.jupiter.api.Assertions.assertThrows(IdMapCorruptException.class,
          () -> RehashingMap.open(files, Kind.KEY_SET, 4096, 8, HeapBudget.none()).close());
      assertTrue(e.getMessage().contains(snapshot.getFileName().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("byte") || e.getMessage().contains("entry count"), e.getMessage());
    }
  }

  private static byte[] flip(byte[] bytes, int offset) {
    byte[] copy = bytes.clone();
    copy[offset] ^= 0x10;
    return copy;
  }

  @Test
  void aMapOutgrowingTheBudgetMovesIntoItsFileSizedForTwiceItsKeysAndAnswersAsAMapWithoutATier() {
    HeapBudget budget = new HeapBudget(256 << 10);
    Random random = new Random(11);
    NaturalKey key = new NaturalKey();
    Map<List<Object>, Long> oracle = new HashMap<>();
    try (RehashingMap tiered = RehashingMap.open(new MapFiles(dir, "tiered"), Kind.ID_MAP, 4096, 8, budget);
        RehashingMap plain = RehashingMap.open(new MapFiles(dir, "plain"), Kind.ID_MAP, 4096, 8)) {
      assertTrue(tiered.onHeap());
      assertFalse(plain.onHeap(), "no budget, no tier");
      long movedAt = -1;
      for (int i = 0; i < 40_000; i++) {
        List<Object> parts = i % 3 == 0 ? KeyFixtures.randomParts(random) : List.of("key " + random.nextInt(30_000));
        KeyFixtures.fill(key.clear(), parts);
        long expected = oracle.getOrDefault(parts, IdMap.ABSENT);
        assertEquals(expected, tiered.get(key), "get " + parts);
        assertEquals(expected, tiered.putIfAbsent(key, i), "putIfAbsent " + parts);
        assertEquals(expected, plain.putIfAbsent(key, i), "plain putIfAbsent " + parts);
        oracle.putIfAbsent(parts, (long) i);
        if (movedAt < 0 && !tiered.onHeap()) {
          movedAt = tiered.entryCount();
          assertEquals(0, budget.usedBytes(), "moving returns the heap");
          assertEquals(Math.max(4096, 2 * (movedAt - 1)), tiered.capacityEntries(), "twice the keys held when it moved");
        }
      }
      assertTrue(movedAt > 1000, "stayed on the heap for a while: " + movedAt);
      assertEquals(oracle.size(), tiered.entryCount());
      assertEquals(plain.entryCount(), tiered.entryCount());
      for (Map.Entry<List<Object>, Long> e : oracle.entrySet()) {
        KeyFixtures.fill(key.clear(), e.getKey());
        assertEquals(e.getValue(), tiered.get(key), "after the move: " + e.getKey());
      }
    }
  }

  @Test
  void mapsShareOneBudgetAndAMapThatGetsNoneStartsInItsFile() {
    HeapBudget budget = new HeapBudget(150 << 10);
    NaturalKey key = new NaturalKey();
    try (RehashingMap first = RehashingMap.open(new MapFiles(dir, "a"), Kind.KEY_SET, 4096, 8, budget);
        RehashingMap second = RehashingMap.open(new MapFiles(dir, "b"), Kind.KEY_SET, 4096, 8, budget)) {
      for (int i = 0; i < HeapKeys.INITIAL_ENTRIES; i++) { // no growth yet
        first.putIfAbsent(key.clear().addLong(i), i + 1);
      }
      assertTrue(first.onHeap() && second.onHeap(), "both fit: " + budget.usedBytes());
      long held = budget.usedBytes();
      try (RehashingMap third = RehashingMap.open(new MapFiles(dir, "c"), Kind.KEY_SET, 4096, 8, budget)) {
        assertFalse(third.onHeap(), "no room left for a third: " + held + " of " + budget.maxBytes() + " held");
        assertEquals(held, budget.usedBytes());
      }
      for (int i = 0; i < 10_000; i++) {
        second.putIfAbsent(key.clear().addLong(i), i + 1);
      }
      assertFalse(second.onHeap(), "the budget ran out");
      assertTrue(first.onHeap(), "the first keeps what it has");
      assertEquals(10_000, second.entryCount());
      assertEquals(1500L, second.get(key.clear().addLong(1499)));
      assertEquals(1000L, first.get(key.clear().addLong(999)));
    }
    assertEquals(0, budget.usedBytes());
  }

  /** The tier's hash reads 4-byte words at once; it must equal the byte-by-byte definition, whatever the byte values. */
  @Test
  void theWordHashEqualsTheByteByByteDefinition() {
    Random random = new Random(5);
    for (int length = 0; length <= 41; length++) {
      for (int round = 0; round < 50; round++) {
        byte[] key = new byte[length + random.nextInt(3)]; // bytes past length must not count
        random.nextBytes(key);
        assertEquals(referenceHash(key, length), HeapKeys.hash(key, length), "length " + length);
      }
    }
  }

  private static int referenceHash(byte[] key, int length) {
    int h = length * 0x9E3779B9;
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      int word = (key[i] & 0xFF) | (key[i + 1] & 0xFF) << 8 | (key[i + 2] & 0xFF) << 16 | (key[i + 3] & 0xFF) << 24;
      h = Integer.rotateLeft(h ^ word * 0xCC9E2D51, 15) * 0x1B873593;
    }
    for (; i < length; i++) {
      h = (h ^ (key[i] & 0xFF)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  @Test
  void budgetRefusesWhatDoesNotFitAndEchoesBadValues() {
    HeapBudget budget = new HeapBudget(100);
    assertTrue(budget.tryReserve(60));
    assertFalse(budget.tryReserve(41));
    assertEquals(60, budget.usedBytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> budget.release(61));
    assertTrue(e.getMessage().contains("61"), e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new HeapBudget(-3)).getMessage().contains("-3"));
    assertEquals(null, HeapKeys.create(HeapBudget.none()), "no room, no tier");
  }
}
