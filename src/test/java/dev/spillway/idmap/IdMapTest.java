package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdMapTest {
  @TempDir Path dir;

  @Test
  void assignsSequentialIdsInOrderOfFirstAppearance() {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("maintainer", 100, 16);
      assertEquals(new Assignment(1, true), map.assign(NaturalKey.of("carol")));
      assertEquals(new Assignment(2, true), map.assign(NaturalKey.of("alice")));
      assertEquals(new Assignment(1, false), map.assign(NaturalKey.of("carol")));
      assertEquals(new Assignment(3, true), map.assign(NaturalKey.of("bob")));
      assertEquals(new Assignment(2, false), map.assign(NaturalKey.of("alice")));
      assertEquals(3, map.size());
      assertEquals(4, map.nextId());
      assertEquals(2, map.lookup(NaturalKey.of("alice")));
      assertEquals(IdMap.ABSENT, map.lookup(NaturalKey.of("dave")));
      assertEquals(3, map.size(), "lookup must not insert");
    }
  }

  /**
   * The remembered last key (one record asks for a key several times in a row) is a copy: a reused
   * NaturalKey changed after it was answered is looked up afresh, and a key that only starts like
   * the remembered one, or equals it in another map, is not answered from it.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, IdMaps.DEFAULT_FRONT_CACHE_SLOTS})
  void theRememberedLastKeyAnswersOnlyTheSameBytes(int cacheSlots) {
    NaturalKey key = new NaturalKey();
    try (IdMaps maps = new IdMaps(dir, cacheSlots, HeapBudget.none())) {
      IdMap packages = maps.openIdMap("package", 100, 16);
      IdMap versions = maps.openIdMap("version", 100, 16);
      assertEquals(new Assignment(1, true), packages.assign(key.clear().addText("a")));
      assertEquals(new Assignment(1, false), packages.assign(key), "the same key again: not new");
      assertEquals(1, packages.lookup(key));
      assertEquals(IdMap.ABSENT, packages.lookup(key.clear().addText("b")), "the reused key now holds b");
      assertEquals(IdMap.ABSENT, packages.lookup(key.clear().addText("a").addNull()), "a longer key with a's bytes first");
      assertEquals(IdMap.ABSENT, packages.lookup(key.clear().addText("A")));
      assertEquals(IdMap.ABSENT, versions.lookup(key.clear().addText("a")), "another map's key");
      assertEquals(new Assignment(2, true), packages.assign(key.clear().addText("b")));
      assertEquals(new Assignment(1, true), versions.assign(key.clear().addLong(1).addText("a")));
      assertEquals(1, packages.lookup(key.clear().addText("a")));
      assertEquals(2, packages.lookup(key.clear().addText("b")));
      assertEquals(new Assignment(2, false), packages.assign(key));
      assertEquals(new Assignment(3, true), packages.assign(key.clear().addText("c")));
      assertEquals(3, packages.size());
    }
  }

  /** Property: against a HashMap of part lists, with the cache off, tiny (constant evictions) and default. */
  @ParameterizedTest
  @ValueSource(ints = {0, 4, IdMaps.DEFAULT_FRONT_CACHE_SLOTS})
  void randomCompositeKeysGetTheIdsOfAHashMapReference(int cacheSlots) {
    Random random = new Random(11);
    Map<List<Object>, Long> reference = new HashMap<>();
    NaturalKey key = new NaturalKey();
    try (IdMaps maps = new IdMaps(dir, cacheSlots)) {
      IdMap map = maps.openIdMap("release", 1_000, 8);
      for (int i = 0; i < 50_000; i++) {
        List<Object> parts = KeyFixtures.randomParts(random);
        KeyFixtures.fill(key.clear(), parts);
        Long expected = reference.get(parts);
        Assignment got = map.assign(key);
        if (expected == null) {
          reference.put(parts, got.id());
          assertEquals(new Assignment(reference.size(), true), got, parts.toString());
        } else {
          assertEquals(new Assignment(expected, false), got, parts.toString());
        }
      }
      assertEquals(reference.size(), map.size());
      reference.forEach((parts, id) -> assertEquals((long) id, map.lookup(KeyFixtures.fill(key.clear(), parts))));
    }
  }

  @Test
  void growsTo30xTheEstimateAndReopensWithTheSameAnswers() {
    int estimate = 10_000;
    int keys = 300_000;
    NaturalKey key = new NaturalKey();
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("package", estimate, 16);
      for (int i = 0; i < keys; i++) {
        assertEquals(i + 1, map.assign(key.clear().addText("package-" + i)).id());
      }
      assertEquals(keys, map.size());
      for (int i = 0; i < keys; i += 7) {
        assertEquals(i + 1, map.lookup(key.clear().addText("package-" + i)));
      }
    }
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("package", estimate, 16);
      assertEquals(keys, map.size());
      assertEquals(keys + 1, map.nextId());
      for (int i = 0; i < keys; i++) {
        assertEquals(new Assignment(i + 1, false), map.assign(key.clear().addText("package-" + i)));
      }
      assertEquals(new Assignment(keys + 1, true), map.assign(key.clear().addText("one more")));
    }
  }

  @Test
  void growsWhenKeysAreFarLongerThanTheDeclaredAverage() {
    String padding = "p".repeat(300);
    NaturalKey key = new NaturalKey();
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("wide", 5_000, 4);
      for (int i = 0; i < 50_000; i++) {
        assertEquals(i + 1, map.assign(key.clear().addText(padding).addLong(i)).id());
      }
      for (int i = 0; i < 50_000; i += 11) {
        assertEquals(i + 1, map.lookup(key.clear().addText(padding).addLong(i)));
      }
    }
  }

  @Test
  void seededMapsContinueAboveTheSeededMaximum() {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("package", 100, 8);
      map.seed(NaturalKey.of("zlib"), 10);
      map.seed(NaturalKey.of("bash"), 500);
      map.seed(NaturalKey.of("curl"), 42);
      map.seed(NaturalKey.of("curl"), 42); // the same pair again is harmless
      assertEquals(501, map.nextId());
      assertEquals(new Assignment(500, false), map.assign(NaturalKey.of("bash")));
      assertEquals(new Assignment(501, true), map.assign(NaturalKey.of("vim")));
      assertEquals(42, map.lookup(NaturalKey.of("curl")));
      assertEquals(4, map.size());
    }
  }

  @Test
  void seedingOneKeyWithTwoIdsNamesKeyAndTable() {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("package", 100, 8);
      map.seed(NaturalKey.of("bash", 2L), 3);
      IdMapException e = assertThrows(IdMapException.class, () -> map.seed(NaturalKey.of("bash", 2L), 4));
      assertTrue(e.getMessage().contains("\"package\""), e.getMessage());
      assertTrue(e.getMessage().contains("[\"bash\", 2] seeded with id 4 but already seeded with id 3"), e.getMessage());
      assertEquals("package", e.table());
    }
  }

  @Test
  void seedingAfterAnAssignIsRefusedEvenAfterReopening() {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("package", 100, 8);
      map.assign(NaturalKey.of("a"));
      assertThrows(IllegalStateException.class, () -> map.seed(NaturalKey.of("b"), 99));
    }
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("package", 100, 8);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> map.seed(NaturalKey.of("b"), 99));
      assertTrue(e.getMessage().contains("seed after assign (first assigned id 1)"), e.getMessage());
    }
  }

  @Test
  void rejectsEmptyKeysAndBadSeeds() {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("t", 100, 8);
      assertThrows(IllegalArgumentException.class, () -> map.assign(new NaturalKey()));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.seed(NaturalKey.of("a"), IdMap.ABSENT));
      assertTrue(e.getMessage().contains(Long.toString(IdMap.ABSENT)), e.getMessage());
    }
  }

  @Test
  void mapsOfDifferentTablesAreIndependent() {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap a = maps.openIdMap("a", 100, 8);
      IdMap b = maps.openIdMap("b", 100, 8);
      a.assign(NaturalKey.of("x"));
      a.assign(NaturalKey.of("y"));
      assertEquals(new Assignment(1, true), b.assign(NaturalKey.of("y")));
      assertEquals(2, a.lookup(NaturalKey.of("y")));
    }
  }

  @Test
  void closedMapsRefuseUse() {
    try (IdMaps maps = new IdMaps(dir)) {
      IdMap map = maps.openIdMap("t", 100, 8);
      map.close();
      map.close();
      assertThrows(IllegalStateException.class, () -> map.lookup(NaturalKey.of("a")));
      assertFalse(map.table().isEmpty());
    }
  }
}
