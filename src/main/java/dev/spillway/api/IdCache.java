package dev.spillway.api;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live writer's bounded cache of natural key -> id, least recently used evicted first. It lives
 * exactly as long as its writer, and a writer lives in one transaction ({@link LiveWriter} checks),
 * so an id it holds was read or created in that transaction: a rollback takes the writer and this
 * cache with it, and no later writer is handed an id of a rolled-back row. Only ids found or created
 * are cached, never a key's absence (another transaction may add it). Single-threaded.
 */
final class IdCache {
  private final int maxKeys;
  private final LinkedHashMap<KeyRef, Long> ids;

  IdCache(int maxKeys) {
    checkArgument(maxKeys >= 0, "maxKeys < 0: %s", maxKeys);
    this.maxKeys = maxKeys;
    this.ids = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<KeyRef, Long> eldest) {
        return size() > IdCache.this.maxKeys;
      }
    };
  }

  /** The cached id, or null. */
  Long get(KeyRef key) {
    return ids.get(key);
  }

  void put(KeyRef key, long id) {
    if (maxKeys > 0) {
      ids.put(key, id);
    }
  }

  int size() {
    return ids.size();
  }
}
