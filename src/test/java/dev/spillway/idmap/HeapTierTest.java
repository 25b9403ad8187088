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
    assertTrue(Files.exists(files.dataFile(1)));
    try (RehashingMap reopened = RehashingMap.open(files, Kind.ID_MAP, 1, 24, new HeapBudget(8 << 20))) {
      assertFalse(reopened.onHeap(), "a reopened map lives in its file");
      assertEquals(20_000, reopened.entryCount());
      assertEquals(1, reopened.generation(), "sized for the keys held: no rehash on the way");
      for (int i = 0; i < 20_000; i += 7) {
        assertEquals(i + 1, reopened.get(key.clear().addText("k" + i)));
      }
      assertEquals(IdMap.ABSENT, reopened.get(key.clear().addText("k20000")));
    }
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
