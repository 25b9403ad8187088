package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySetTest {
  @TempDir Path dir;

  @Test
  void deduplicatesCompositeKeysWithNullsAndLongs() {
    try (IdMaps maps = new IdMaps(dir)) {
      KeySet set = maps.openKeySet("dependency", 100, 16);
      assertTrue(set.addIfAbsent(NaturalKey.of(1L, 2L, "depends")));
      assertTrue(set.addIfAbsent(NaturalKey.of(1L, 2L, "recommends")));
      assertTrue(set.addIfAbsent(NaturalKey.of(1L, 2L, null)));
      assertTrue(set.addIfAbsent(NaturalKey.of(1L, 2L, "")));
      assertFalse(set.addIfAbsent(NaturalKey.of(1L, 2L, "depends")));
      assertFalse(set.addIfAbsent(NaturalKey.of(1L, 2L, null)));
      assertTrue(set.contains(NaturalKey.of(1L, 2L, "")));
      assertFalse(set.contains(NaturalKey.of(2L, 1L, "depends")));
      assertEquals(4, set.size());
    }
  }

  @Test
  void matchesAHashSetReferenceAcross10xGrowthAndReopen() {
    Random random = new Random(3);
    Set<List<Object>> reference = new HashSet<>();
    NaturalKey key = new NaturalKey();
    try (IdMaps maps = new IdMaps(dir)) {
      KeySet set = maps.openKeySet("package_tag", 10_000, 12);
      for (int i = 0; i < 100_000; i++) {
        List<Object> parts = List.of((long) random.nextInt(40_000), "tag" + random.nextInt(4));
        assertEquals(reference.add(parts), set.addIfAbsent(KeyFixtures.fill(key.clear(), parts)), parts.toString());
      }
      assertEquals(reference.size(), set.size());
    }
    try (IdMaps maps = new IdMaps(dir)) {
      KeySet set = maps.openKeySet("package_tag", 10_000, 12);
      assertEquals(reference.size(), set.size());
      for (List<Object> parts : reference) {
        assertFalse(set.addIfAbsent(KeyFixtures.fill(key.clear(), parts)));
      }
      assertTrue(set.addIfAbsent(key.clear().addLong(-1).addText("new")));
    }
  }

  @Test
  void aKeySetIsNotReopenedAsAnIdMap() {
    try (IdMaps maps = new IdMaps(dir)) {
      maps.openKeySet("package_tag", 100, 8).addIfAbsent(NaturalKey.of("x"));
    }
    try (IdMaps maps = new IdMaps(dir)) {
      IdMapException e = assertThrows(IdMapException.class, () -> maps.openIdMap("package_tag", 100, 8));
      assertTrue(e.getMessage().contains("is a key set, opened as an id map"), e.getMessage());
    }
  }
}
