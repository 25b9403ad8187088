package dev.spillway.idmap;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A number per natural key, off-heap like {@link KeySet} (the same {@link RehashingMap}, files,
 * growth and crash policy), for stage one's working state: how many parked rows hold a key, or in
 * which sweep a key was last claimed. A key never set reads as 0; values must not be
 * {@link IdMap#ABSENT}.
 *
 * <p>Not thread-safe: one owner thread. Keys must have at least one part.
 */
public final class KeyCounts implements AutoCloseable {
  private final RehashingMap store;

  KeyCounts(RehashingMap store) {
    this.store = store;
  }

  /** The key's value, 0 when never set. */
  public long get(NaturalKey key) {
    checkKey(key);
    long value = store.get(key);
    return value == IdMap.ABSENT ? 0 : value;
  }

  /** Whether the key was ever set. */
  public boolean contains(NaturalKey key) {
    checkKey(key);
    return store.get(key) != IdMap.ABSENT;
  }

  public void put(NaturalKey key, long value) {
    checkKey(key);
    checkArgument(value != IdMap.ABSENT, "table \"%s\": value out of range: %s", table(), value);
    store.put(key, value);
  }

  /** Adds {@code delta} to the key's value (0 when never set); returns the new value. */
  public long add(NaturalKey key, long delta) {
    long value = get(key) + delta;
    put(key, value);
    return value;
  }

  /** Keys ever set. */
  public long size() {
    return store.entryCount();
  }

  public String table() {
    return store.files().table();
  }

  /** Flushes and closes the files. Idempotent. */
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
