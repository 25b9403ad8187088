package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.idmap.MapCheckpoint.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression: every insert asked Chronicle Map for its remaining tiers, a cost on the hot path. */
class RehashingMapTest {
  @TempDir
  Path dir;

  @Test
  void theTierPoolIsNotAskedOnEveryInsertYetGrowthStillHappensInTime() {
    NaturalKey key = new NaturalKey();
    int keys = 100_000;
    try (RehashingMap map = RehashingMap.open(new MapFiles(dir, "t"), Kind.ID_MAP, 10_000, 16)) {
      for (int i = 0; i < keys; i++) {
        assertEquals(IdMap.ABSENT, map.putIfAbsent(key.clear().addText("key-" + i), i));
      }
      assertTrue(map.generation() > 1, "grew: generation " + map.generation());
      // About one look per `segments` inserts while the pool is untouched (at least one per insert before).
      assertTrue(map.tierChecks() * 8 < keys, "tier checks for " + keys + " inserts: " + map.tierChecks());
      for (int i = 0; i < keys; i += 13) {
        assertEquals(i, map.get(key.clear().addText("key-" + i)));
      }
    }
  }

  @Test
  void keysFarLongerThanTheEstimateStillGrowBeforeTheTiersRunOut() {
    NaturalKey key = new NaturalKey();
    String padding = "p".repeat(500);
    try (RehashingMap map = RehashingMap.open(new MapFiles(dir, "wide"), Kind.ID_MAP, 4_096, 4)) {
      for (int i = 0; i < 30_000; i++) {
        assertEquals(IdMap.ABSENT, map.putIfAbsent(key.clear().addText(padding).addLong(i), i));
      }
      assertEquals(30_000, map.entryCount());
      assertTrue(map.tierChecks() < 30_000, "tier checks: " + map.tierChecks());
    }
  }
}
