package dev.spillway.spill;

import dev.spillway.idmap.KeyCounts;
import dev.spillway.idmap.KeySet;
import dev.spillway.idmap.NaturalKey;
import java.util.function.Supplier;

/**
 * What stage one knows about one keyed table's keys beyond its id map (or key set), for references
 * resolved whatever the order of the rows ({@link Resolution}):
 * <ul>
 *   <li><b>pending</b>: keys reserved by parked rows (their id is assigned, their row not written
 *       yet); a ref to one is undecided until the resolution pass;
 *   <li><b>contested</b>: pending keys that more than one parked row holds (a row read after the
 *       reserving one, with the same key, is parked as a <i>contender</i> rather than decided a
 *       duplicate, since the reserving row may be dropped): the number of holders not dropped.
 *       Uncontested pending keys have one holder;
 *   <li><b>lost</b>: pending keys whose every holder the resolution pass dropped (rejected record,
 *       or a {@code missing: skip} of that row): a ref to one is missing;
 *   <li><b>owners</b>: per contested key, the sweep in which a holder last claimed it, so that in
 *       each sweep the first holder in input order owns the key and the later ones are its
 *       duplicates;
 *   <li><b>rejected</b>, for tables refs point at: keys held by rows of rejected records, each with
 *       where and why the first such record was rejected ({@link RejectReasons}), so that a ref
 *       that finds the key missing can say the record was rejected rather than absent.
 * </ul>
 * All are off-heap, opened on first use, so a run without parked rows opens none and pays one null
 * check per lookup. Also holds the first id handed out by the resolution pass's writing sweep (see
 * {@link ResolveState.Mode#DECIDE}). Single-threaded.
 */
final class KeyStates {
  private final ResolveState state;
  private final Supplier<KeySet> openPending;
  private final Supplier<KeySet> openLost;
  private final Supplier<KeyCounts> openContested;
  private final Supplier<KeyCounts> openOwners;
  /** Whether refs point at the table (only then are rejected keys remembered). */
  private final boolean referenced;
  private final Supplier<KeyCounts> openRejected;
  /** Shared by every table of the run. */
  private final RejectReasons reasons;
  /** Null until the first key is reserved. */
  private KeySet pending;
  /**
   * On the heap, in front of {@link #pending}: a bit per hash of a pending key ({@link #FILTER_BITS}
   * of them, 8 KiB, allocated with the set). A key whose bit is clear is not pending, so a row whose
   * key is already known (every dimension row of a fact file) skips the probe of the set when few
   * keys are parked; with many, most bits are set and it probes as before. Null with {@link #pending}.
   */
  private long[] pendingFilter;
  private static final int FILTER_HASH_BITS = 16;
  static final int FILTER_BITS = 1 << FILTER_HASH_BITS;
  /** Null until the first key is lost. */
  private KeySet lost;
  /** Holders per contested key; null until a key is contested. */
  private KeyCounts contested;
  /** Sweep of the last claim per contested key; null until the first claim of a contested key. */
  private KeyCounts owners;
  /** Per key of a rejected record's row: 1 + the offset of its reason in {@link #reasons}; null until the first. */
  private KeyCounts rejected;
  /** Ids from here on were assigned by the resolution pass's writing sweep; Long.MAX_VALUE before it. */
  private long decideMark = Long.MAX_VALUE;

  KeyStates(ResolveState state, Supplier<KeySet> openPending, Supplier<KeySet> openLost, Supplier<KeyCounts> openContested,
      Supplier<KeyCounts> openOwners, boolean referenced, Supplier<KeyCounts> openRejected, RejectReasons reasons) {
    this.state = state;
    this.referenced = referenced;
    this.openRejected = openRejected;
    this.reasons = reasons;
    this.openPending = openPending;
    this.openLost = openLost;
    this.openContested = openContested;
    this.openOwners = openOwners;
  }

  ResolveState.Mode mode() {
    return state.mode();
  }

  RecordScope scope() {
    return state.scope();
  }

  boolean isPending(NaturalKey key) {
    if (pending == null) {
      return false;
    }
    int bit = filterBit(key);
    return (pendingFilter[bit >>> 6] & (1L << bit)) != 0 && pending.contains(key);
  }

  /** The bit of {@code key} in {@link #pendingFilter}. */
  static int filterBit(NaturalKey key) {
    return key.bytesHash() >>> (32 - FILTER_HASH_BITS);
  }

  void markPending(NaturalKey key) {
    if (pending == null) {
      pending = openPending.get();
      pendingFilter = new long[FILTER_BITS / 64];
    }
    int bit = filterBit(key);
    pendingFilter[bit >>> 6] |= 1L << bit;
    pending.addIfAbsent(key);
  }

  boolean isLost(NaturalKey key) {
    return lost != null && lost.contains(key);
  }

  /** A parked row holds the pending {@code key} besides the one that reserved it. */
  void addContender(NaturalKey key) {
    if (contested == null) {
      contested = openContested.get();
    }
    contested.put(key, (contested.contains(key) ? contested.get(key) : 1) + 1);
  }

  /** Whether some pending key has more than one holder. */
  boolean anyContested() {
    return contested != null;
  }

  /**
   * A holder of the pending {@code key} was dropped (call once per holder): the key is lost when it
   * was the last one. Returns whether the key was lost now.
   */
  boolean release(NaturalKey key) {
    if (contested != null && contested.contains(key) && contested.add(key, -1) > 0) {
      return false;
    }
    if (lost == null) {
      lost = openLost.get();
    }
    return lost.addIfAbsent(key);
  }

  /**
   * A holder of the pending {@code key} claims it in sweep {@code sweep} (holders claim in input
   * order): true when it is the first to (always, for an uncontested key), false when an earlier
   * holder owns the key in this sweep.
   */
  boolean claim(NaturalKey key, int sweep) {
    if (contested == null || !contested.contains(key)) {
      return true;
    }
    if (owners == null) {
      owners = openOwners.get();
    }
    if (owners.get(key) == sweep) {
      return false;
    }
    owners.put(key, sweep);
    return true;
  }

  /**
   * Takes back a claim {@link #claim} granted in the current sweep: the record that made it is
   * rejected after all, so a later holder in the sweep may claim the key. Nothing for a key
   * {@link #claim} did not record (uncontested).
   */
  void unclaim(NaturalKey key) {
    if (owners != null && owners.contains(key)) {
      owners.put(key, 0);
    }
  }

  /**
   * A rejected record had a row with {@code key}: {@code why} ({@code file line N: reason}) is kept
   * for refs to the key, unless an earlier rejected record's is. Nothing for a table no ref points at.
   * The reason is written once per record: {@code at} is where it was written for an earlier key of
   * the record (any table's: the reasons are shared), -1 if not yet; returns that for the next key.
   * So the map holds 8 bytes per key, the reasons file one reason per rejected record.
   */
  long rejected(NaturalKey key, String why, long at) {
    if (!referenced) {
      return at;
    }
    if (rejected == null) {
      rejected = openRejected.get();
    }
    if (rejected.contains(key)) {
      return at;
    }
    long offset = at >= 0 ? at : reasons.append(why);
    rejected.put(key, offset + 1);
    return offset;
  }

  /** Where and why the first rejected record with a row holding {@code key} was rejected, or null when none was. */
  String whyRejected(NaturalKey key) {
    if (rejected == null) {
      return null;
    }
    long at = rejected.get(key);
    return at == 0 ? null : reasons.read(at - 1);
  }

  long decideMark() {
    return decideMark;
  }

  void decideMark(long firstDecideId) {
    this.decideMark = firstDecideId;
  }
}
