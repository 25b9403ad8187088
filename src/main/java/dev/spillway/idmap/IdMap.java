package dev.spillway.idmap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

/**
 * Natural key -> stable bigint id for one table with an id column, off-heap in Chronicle Map
 * files, growing past any size estimate (see {@link RehashingMap}) with a flat heap.
 *
 * <p>Ids: a key's first {@link #assign} gets {@link #nextId()}, which starts at 1 and afterwards
 * only increases, so fresh maps number keys 1, 2, 3, ... in order of first appearance. For
 * incremental loads, {@link #seed} the keys already in the database (each with its existing id,
 * which moves nextId above it) before the first assign; seeding after an assign is refused,
 * because seeded ids could then collide with assigned ones. Distinct keys seeded with one id are not detected (the database's key is the
 * authority). Ids, seeds and nextId survive {@link #close()} and reopening.
 *
 * <p>An optional bounded {@link FrontCache} answers repeated keys without touching the map file; it
 * is skipped while the store keeps its keys on the heap, where a probe costs no more than the cache's.
 *
 * <p>The key last found or assigned and its id are remembered ({@link #lastKey}): one source record
 * asks for the same key several times in a row (a row's own key when checked, then when claimed,
 * then in every ref to it from the record's later rows, nested refs included), and a byte compare
 * answers those without hashing or probing. Correct for the same reason as the cache: a key's id
 * never changes and is never removed.
 *
 * <p>Not thread-safe: one owner thread (stage one's resolver). Keys must have at least one part.
 */
public final class IdMap implements AutoCloseable {
  /** Returned by {@link #lookup} for an unknown key; never a valid id. */
  public static final long ABSENT = Long.MIN_VALUE;

  private final RehashingMap store;
  /** Recently used keys and their ids; null when disabled. Holds only keys that are in the store. */
  private final FrontCache cache;
  /**
   * The key last found or assigned; reused. Empty (no parts, no bytes) until then, so it equals no
   * key a caller can pass (every key has a part, and every part a tag byte): the hot paths test it
   * without asking whether anything is remembered, a branch a map created for a later input file
   * would take where the compiled code never saw it taken (see {@link KeyBytes}).
   */
  private final NaturalKey lastKey = new NaturalKey();
  /** The id of {@link #lastKey}; {@link #ABSENT} while lastKey is empty. */
  private long lastId = ABSENT;

  IdMap(RehashingMap store, FrontCache cache) {
    this.store = store;
    this.cache = cache;
  }

  /** The key's id, or {@link #ABSENT}. */
  public long lookup(NaturalKey key) {
    checkKey(key);
    if (lastKey.sameBytes(key)) {
      return lastId;
    }
    long id = find(key);
    if (id != ABSENT) {
      remember(key, id);
    }
    return id;
  }

  private long find(NaturalKey key) {
    if (store.onHeap()) {
      return store.get(key);
    }
    if (cache != null) {
      long cached = cache.get(key);
      if (cached != ABSENT) {
        return cached;
      }
    }
    long id = store.get(key);
    if (id != ABSENT && cache != null) {
      cache.put(key, id);
    }
    return id;
  }

  /** The key's id, assigning {@link #nextId()} if the key is new: one map probe either way. */
  public Assignment assign(NaturalKey key) {
    checkKey(key);
    if (lastKey.sameBytes(key)) {
      return new Assignment(lastId, false);
    }
    Assignment assigned = insert(key);
    remember(key, assigned.id());
    return assigned;
  }

  private void remember(NaturalKey key, long id) {
    lastKey.copyFrom(key);
    lastId = id;
  }

  private Assignment insert(NaturalKey key) {
    boolean useCache = cache != null && !store.onHeap();
    if (useCache) {
      long cached = cache.get(key);
      if (cached != ABSENT) {
        return new Assignment(cached, false);
      }
    }
    long id = store.nextId();
    if (id == Long.MAX_VALUE) {
      throw new IdMapException(table(), store.files().checkpoint(), "id space exhausted at " + id);
    }
    long existing = store.putIfAbsent(key, id);
    boolean isNew = existing == ABSENT;
    if (isNew) {
      store.nextId(id + 1);
      // firstAssignedId = first == 0 ? id : first, without a branch that only a new map takes
      // (see lastKey): first >= 0, so (first - 1) >> 63 is all ones exactly when first == 0
      long first = store.firstAssignedId();
      store.firstAssignedId(first | (id & ((first - 1) >> 63)));
    }
    long result = isNew ? id : existing;
    if (useCache) {
      cache.put(key, result);
    }
    return new Assignment(result, isNew);
  }

  /**
   * Records a key that already has {@code id} in the database; nextId moves above it. Seeding the
   * same key with the same id again is a no-op; with another id it is a {@link SeedConflictException}
   * (the database holds the key twice).
   */
  public void seed(NaturalKey key, long id) {
    checkKey(key);
    checkArgument(id != ABSENT && id != Long.MAX_VALUE, "seeded id out of range: %s", id);
    checkState(store.firstAssignedId() == 0,
        "table \"%s\": seed after assign (first assigned id %s): seeded ids could collide with assigned ones",
        table(), store.firstAssignedId());
    long existing = store.putIfAbsent(key, id);
    if (existing != ABSENT && existing != id) {
      throw new SeedConflictException(table(), store.files().checkpoint(), key, id, existing);
    }
    if (id >= store.nextId()) {
      store.nextId(id + 1);
    }
  }

  /** Number of keys, assigned and seeded. */
  public long size() {
    return store.entryCount();
  }

  /** The id the next new key gets. */
  public long nextId() {
    return store.nextId();
  }

  /** The table name exactly as given when opened. */
  public String table() {
    return store.files().table();
  }

  /** Flushes and closes the files; the map can be reopened later with the same answers. Idempotent. */
  @Override
  public void close() {
    store.close();
  }

  boolean isClosed() {
    return store.isClosed();
  }

  /** Closes without persisting; see {@link IdMaps#discard}. */
  void discard() {
    store.discard();
  }

  private void checkKey(NaturalKey key) {
    checkArgument(key.partCount() > 0, "table \"%s\": empty natural key", table());
  }
}
