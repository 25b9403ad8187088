package dev.spillway.spill;

import dev.spillway.idmap.KeySet;
import dev.spillway.idmap.NaturalKey;
import java.util.function.Supplier;

/**
 * What stage one knows about one keyed table's keys beyond its id map, for references resolved
 * whatever the order of the rows ({@link Resolution}):
 * <ul>
 *   <li><b>pending</b>: keys reserved by parked rows (their id is assigned, their row not written
 *       yet); a ref to one is undecided until the resolution pass;
 *   <li><b>lost</b>: pending keys whose parked row the resolution pass dropped (rejected record, or
 *       a {@code missing: skip} of that row): a ref to one is missing.
 * </ul>
 * Both are off-heap {@link KeySet}s opened on first use, so a run without parked rows opens neither
 * and pays one null check per lookup. Also holds the first id handed out by the resolution pass's
 * writing sweep (see {@link ResolveState.Mode#DECIDE}). Single-threaded.
 */
final class KeyStates {
  private final ResolveState state;
  /**
   * Whether pending keys matter: refs point at the table, or its {@code written} set decides first
   * rows (then a pending key must not look unwritten). Else the id map alone tells duplicates and
   * reserving costs no second map.
   */
  private final boolean tracksPending;
  private final Supplier<KeySet> openPending;
  private final Supplier<KeySet> openLost;
  /** Null until the first key is reserved. */
  private KeySet pending;
  /** Null until the first key is lost. */
  private KeySet lost;
  /** Ids from here on were assigned by the resolution pass's writing sweep; Long.MAX_VALUE before it. */
  private long decideMark = Long.MAX_VALUE;

  KeyStates(ResolveState state, boolean tracksPending, Supplier<KeySet> openPending, Supplier<KeySet> openLost) {
    this.state = state;
    this.tracksPending = tracksPending;
    this.openPending = openPending;
    this.openLost = openLost;
  }

  ResolveState.Mode mode() {
    return state.mode();
  }

  RecordScope scope() {
    return state.scope();
  }

  boolean isPending(NaturalKey key) {
    return pending != null && pending.contains(key);
  }

  void markPending(NaturalKey key) {
    if (!tracksPending) {
      return;
    }
    if (pending == null) {
      pending = openPending.get();
    }
    pending.addIfAbsent(key);
  }

  boolean isLost(NaturalKey key) {
    return lost != null && lost.contains(key);
  }

  /** Marks a pending key lost; true if it was not lost already. */
  boolean markLost(NaturalKey key) {
    if (lost == null) {
      lost = openLost.get();
    }
    return lost.addIfAbsent(key);
  }

  long decideMark() {
    return decideMark;
  }

  void decideMark(long firstDecideId) {
    this.decideMark = firstDecideId;
  }
}
