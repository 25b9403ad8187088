package dev.spillway.idmap;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The set of natural keys seen for one link table (a key but no id column): deduplicates rows by
 * key. Same files, growth and crash policy as {@link IdMap} (it is the same {@link RehashingMap};
 * each key stores its 1-based ordinal of first appearance, 8 bytes per key spent on sharing one
 * well-tested storage path). To skip keys already in the database, add them before the first row.
 *
 * <p>Not thread-safe: one owner thread. Keys must have at least one part.
 */
public final class KeySet implements AutoCloseable {
  private final RehashingMap store;

  KeySet(RehashingMap store) {
    this.store = store;
  }

  /** Adds the key; true if it was absent (the row is new), false if already present (a duplicate). */
  public boolean addIfAbsent(NaturalKey key) {
    checkKey(key);
    return store.putIfAbsent(key, store.entryCount() + 1) == IdMap.ABSENT;
  }

  public boolean contains(NaturalKey key) {
    checkKey(key);
    return store.get(key) != IdMap.ABSENT;
  }

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
