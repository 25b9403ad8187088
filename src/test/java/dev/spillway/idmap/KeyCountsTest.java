package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A number per key that can change, on the heap tier and in the file alike. */
class KeyCountsTest {
  @TempDir Path dir;

  @Test
  void readsZeroUntilSetAndKeepsTheLastValue() {
    try (IdMaps maps = new IdMaps(dir)) {
      KeyCounts counts = maps.openKeyCounts("t", 100, 8);
      NaturalKey x = NaturalKey.of("x");
      assertFalse(counts.contains(x));
      assertEquals(0, counts.get(x));
      counts.put(x, 2);
      assertEquals(3, counts.add(x, 1));
      assertEquals(2, counts.add(x, -1));
      counts.put(x, 0);
      assertTrue(counts.contains(x), "set to 0 is still set");
      assertEquals(0, counts.get(x));
      assertEquals(1, counts.size());
    }
  }

  /** Heap budget 0: the keys live in the Chronicle Map file from the start; 4x growth rehashes it twice. */
  @Test
  void matchesAHashMapInTheFileAcrossGrowth() {
    for (long heapBytes : new long[] {0, 64L << 20}) {
      Random random = new Random(5);
      Map<List<Object>, Long> reference = new HashMap<>();
      NaturalKey key = new NaturalKey();
      try (IdMaps maps = new IdMaps(dir.resolve("heap-" + heapBytes), IdMaps.DEFAULT_FRONT_CACHE_SLOTS, new HeapBudget(heapBytes))) {
        KeyCounts counts = maps.openKeyCounts("t", 4096, 8);
        for (int i = 0; i < 60_000; i++) {
          List<Object> parts = List.of("k" + random.nextInt(16_000));
          long delta = random.nextInt(3) - 1;
          long expected = reference.merge(parts, delta, Long::sum);
          assertEquals(expected, counts.add(KeyFixtures.fill(key.clear(), parts), delta), parts.toString());
        }
        for (Map.Entry<List<Object>, Long> e : reference.entrySet()) {
          assertEquals(e.getValue(), counts.get(KeyFixtures.fill(key.clear(), e.getKey())), e.getKey().toString());
        }
        assertEquals(reference.size(), counts.size());
      }
    }
  }
}
