package dev.spillway.spill;

import dev.spillway.idmap.IdMap;
import dev.spillway.idmap.NaturalKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys claimed by the rows of one source record while the record is checked, before any of
 * them is written (a record is all-or-nothing: see {@link RecordProcessor}). A later row of the
 * same record that refs such a key finds a placeholder id, negative and never a real id, which is
 * only used to check the row; the real id takes its place when the record is committed
 * ({@link #committedId}), or the row is built again. A later row claiming the same key again is a
 * duplicate of the earlier one. A record has a handful of rows, so the keys are kept in a list and
 * compared byte by byte. Cleared for every record; single-threaded.
 */
final class RecordScope {
  /** Placeholder ids count up from here; far below any id a table hands out or a database holds in practice. */
  static final long FIRST_PLACEHOLDER = IdMap.ABSENT + 1;
  /** How many placeholders a record can hold; a record with more rows than this is not realistic. */
  private static final long MAX_PLACEHOLDERS = 1L << 32;

  /** Table of each claimed key. */
  private final List<TableOutput> tables = new ArrayList<>();
  /**
   * Claimed keys, parallel to {@link #tables}: the first {@link #keyCount} are in use, the rest kept
   * for reuse, so a record claims keys without allocating once the largest record was seen.
   */
  private final List<NaturalKey> keys = new ArrayList<>();
  private int keyCount;
  /** Per claimed key: it holds a placeholder id itself (its row refs a key claimed before it in the record). */
  private final List<Boolean> holdsPlaceholder = new ArrayList<>();
  /** Per claimed key: its id was assigned early, by a ref of an earlier row while committing. */
  private final List<Boolean> assignedEarly = new ArrayList<>();
  /** Whether the record is being committed (rows written in order) rather than checked. */
  private boolean committing;

  /** Starts checking a record: no keys claimed. */
  void clear() {
    tables.clear();
    keyCount = 0;
    assignedEarly.clear();
    holdsPlaceholder.clear();
    committing = false;
  }

  /**
   * The checked record is being written. From now on a ref to a key claimed by a later row of the
   * record (a cycle inside one record: a person row that refs its team, the team row that refs its
   * captain) gets the key's real id, assigned early ({@link #assignEarly}), never a placeholder.
   */
  void committing() {
    committing = true;
  }

  boolean isCommitting() {
    return committing;
  }

  /**
   * While committing: assigns the id of {@code key}, claimed by a later row of this record, now;
   * the row's own write then takes that id ({@link #wasAssignedEarly}).
   */
  long assignEarly(TableOutput table, NaturalKey key) {
    int i = indexOf(table, key);
    if (i < 0 || !committing) {
      throw new IllegalStateException("table " + table.name() + ": key " + key + " is not claimed by a record being written");
    }
    assignedEarly.set(i, Boolean.TRUE);
    return table.ids().assign(key).id();
  }

  /** Whether the id of {@code key} was assigned early by {@link #assignEarly} for this record. */
  boolean wasAssignedEarly(TableOutput table, NaturalKey key) {
    int i = keyCount == 0 ? -1 : indexOf(table, key);
    return i >= 0 && assignedEarly.get(i);
  }

  /** Whether {@code id} is a placeholder handed out by {@link #claim}. */
  static boolean isPlaceholder(long id) {
    return id >= FIRST_PLACEHOLDER && id < FIRST_PLACEHOLDER + MAX_PLACEHOLDERS;
  }

  /** Records that the record claims {@code key} in {@code table}; returns its placeholder id. */
  long claim(TableOutput table, NaturalKey key) {
    tables.add(table);
    if (keyCount == keys.size()) {
      keys.add(new NaturalKey());
    }
    keys.get(keyCount++).copyFrom(key);
    assignedEarly.add(Boolean.FALSE);
    holdsPlaceholder.add(Boolean.FALSE);
    return FIRST_PLACEHOLDER + keyCount - 1;
  }

  /** Keys claimed so far in this record. */
  int size() {
    return keyCount;
  }

  /** Records that claimed key {@code index} holds a placeholder id (it is not the key its row is written with). */
  void keyHoldsPlaceholder(int index) {
    holdsPlaceholder.set(index, Boolean.TRUE);
  }

  /**
   * While committing: the id of the key that placeholder {@code placeholder} stands for, when its
   * row is written already (or its id was assigned early), else {@link IdMap#ABSENT}; also ABSENT
   * when that key holds a placeholder itself (its row is written with another key). A placeholder
   * is handed out only for a key the id map did not hold when the record was checked, so an id
   * found now is the one a ref to the key resolves to when the row is built again.
   */
  long committedId(long placeholder) {
    int i = (int) (placeholder - FIRST_PLACEHOLDER);
    if (!committing || i < 0 || i >= keyCount || holdsPlaceholder.get(i)) {
      return IdMap.ABSENT;
    }
    return tables.get(i).ids().lookup(keys.get(i));
  }

  /** The placeholder id of {@code key} claimed in {@code table} by this record, or {@link IdMap#ABSENT}. */
  long lookup(TableOutput table, NaturalKey key) {
    if (keyCount == 0) {
      return IdMap.ABSENT;
    }
    int i = indexOf(table, key);
    return i < 0 ? IdMap.ABSENT : FIRST_PLACEHOLDER + i;
  }

  private int indexOf(TableOutput table, NaturalKey key) {
    for (int i = 0; i < keyCount; i++) {
      if (tables.get(i) == table && keys.get(i).sameBytes(key)) {
        return i;
      }
    }
    return -1;
  }
}
