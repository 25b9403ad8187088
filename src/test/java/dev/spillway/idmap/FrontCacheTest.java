package dev.spillway.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrontCacheTest {
  @Test
  void holdsAtMostItsSlotCountAndAnswersOnlyWithTheRightId() {
    FrontCache cache = new FrontCache(8);
    NaturalKey key = new NaturalKey();
    for (int i = 0; i < 1_000; i++) {
      cache.put(key.clear().addText("k").addLong(i), 10_000 + i);
    }
    int hits = 0;
    for (int i = 0; i < 1_000; i++) {
      long id = cache.get(key.clear().addText("k").addLong(i));
      if (id != IdMap.ABSENT) {
        assertEquals(10_000 + i, id);
        hits++;
      }
    }
    assertTrue(hits > 0 && hits <= 8, "hits: " + hits);
  }

  @Test
  void keysLongerThanTheSlotAreNotCached() {
    FrontCache cache = new FrontCache(16, 64);
    NaturalKey longKey = NaturalKey.of("x".repeat(64));
    cache.put(longKey, 5);
    assertEquals(IdMap.ABSENT, cache.get(longKey));
    NaturalKey shortKey = NaturalKey.of("x".repeat(62));
    assertEquals(64, shortKey.encodedLength());
    cache.put(shortKey, 6);
    assertEquals(6, cache.get(shortKey));
  }

  /** Regression: a fixed 64-byte cap left typical keys such as "Name <email>" uncached. */
  @Test
  void theDefaultCachesTypicalNameAndEmailKeys() {
    FrontCache cache = new FrontCache(16);
    NaturalKey maintainer = NaturalKey.of("Debian Python Modules Team <team+python@tracker.debian.org>", "main");
    assertTrue(maintainer.encodedLength() > 64, "length " + maintainer.encodedLength());
    cache.put(maintainer, 7);
    assertEquals(7, cache.get(maintainer));
    assertEquals(128, cache.maxKeyBytes());
  }

  @Test
  void aKeyThatIsAPrefixOfACachedKeyMisses() {
    FrontCache cache = new FrontCache(1);
    cache.put(NaturalKey.of("ab"), 1);
    assertEquals(IdMap.ABSENT, cache.get(NaturalKey.of("a")));
    assertEquals(IdMap.ABSENT, cache.get(NaturalKey.of("ab", null)));
    assertEquals(1, cache.get(NaturalKey.of("ab")));
  }

  @Test
  void slotCountMustBeAPowerOfTwo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrontCache(12));
    assertTrue(e.getMessage().contains("12"), e.getMessage());
  }
}
