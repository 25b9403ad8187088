package dev.spillway.spill;

import dev.spillway.idmap.KeyTooLongException;
import dev.spillway.idmap.NaturalKey;
import dev.spillway.plan.OnDuplicate;
import dev.spillway.plan.TableSpec;
import java.util.List;

/**
 * The natural key of one table's rows, as {@link KeyedIdentity} and {@link LinkIdentity} use it:
 * encodes a row's key columns into one reused {@link NaturalKey} (a key too long to store rejects
 * the row), and applies the table's {@code on_duplicate} to a row whose key was seen before.
 *
 * <p>Not thread-safe: {@link #key()} is overwritten by every encode; one owner thread.
 */
final class RowKey {
  private final TableSpec table;
  private final KeyEncoder keys;
  private final int[] keyOrdinals;
  /** The last encoded key; reused for every row. */
  private final NaturalKey key = new NaturalKey();

  RowKey(TableSpec table, KeyEncoder keys) {
    this.table = table;
    this.keys = keys;
    this.keyOrdinals = table.keyOrdinals();
  }

  /** The key last encoded by {@link #encodeRow} or {@link #encodeTexts}. */
  NaturalKey key() {
    return key;
  }

  /**
   * Encodes the row's key into {@link #key()}: true on success; false, with {@code problem} set to
   * a {@link RowStatus#REJECTED}, when a key column is NULL (key columns are NOT NULL, so keys
   * compare as Postgres's UNIQUE does; see README) or the key is too long to store.
   */
  boolean encodeRow(Object[] row, RowProblem problem) {
    for (int ordinal : keyOrdinals) {
      if (row[ordinal] == null) {
        String column = table.columns().get(ordinal).name();
        problem.set(RowStatus.REJECTED, column, null, "natural key column " + column + " of " + table.name() + " is NULL");
        return false;
      }
    }
    try {
      keys.encodeRow(row, key);
      return true;
    } catch (KeyTooLongException e) {
      problem.set(RowStatus.REJECTED, null, KeyText.rawValue(row, keyOrdinals, keys), e.getMessage());
      return false;
    }
  }

  /** Encodes a key given as its parts' texts (a row already in the database) into {@link #key()}. */
  NaturalKey encodeTexts(List<String> keyParts) {
    return keys.encodeTexts(keyParts, key);
  }

  /**
   * The status of a row whose key was seen before, per {@code on_duplicate}: {@code first} drops it
   * as {@link RowStatus#DUPLICATE}; {@code reject} and {@code error} set {@code problem} to
   * {@code duplicate key ...} and answer {@link RowStatus#REJECTED} or {@link RowStatus#FATAL}.
   */
  RowStatus duplicate(Object[] row, RowProblem problem) {
    if (table.onDuplicate() == OnDuplicate.FIRST) {
      return RowStatus.DUPLICATE;
    }
    String raw = KeyText.rawValue(row, keyOrdinals, keys);
    String reason = "duplicate key " + KeyText.describe(table.name(), KeyText.parts(row, keyOrdinals, keys));
    return table.onDuplicate() == OnDuplicate.REJECT
        ? problem.set(RowStatus.REJECTED, null, raw, reason)
        : problem.set(RowStatus.FATAL, null, raw, reason + " (on_duplicate: error)");
  }
}
