package dev.spillway.spill;

import dev.spillway.idmap.KeySet;
import dev.spillway.plan.OnExisting;
import dev.spillway.plan.TableSpec;
import java.util.List;
import java.util.OptionalLong;

/**
 * A link table (a natural key, no id column): the key set deduplicates rows; the first row with a
 * key is written, later ones follow {@code on_duplicate}. With {@code on_existing: skip} (the
 * default) the keys already in the database are added before the first row, so rows repeating
 * them count as duplicates; with {@code update} they are written again. When the table says
 * {@code on_duplicate: reject} or {@code error}, existing keys go to a set of their own, so that a
 * row repeating a database key is a duplicate, not a reject.
 */
final class LinkIdentity implements RowIdentity {
  private final TableSpec table;
  private final RowKey rowKey;
  private final KeySet seen;
  /** Keys already in the database, when they must be told apart from this run's; else null (they go to seen). */
  private final KeySet existing;

  LinkIdentity(TableSpec table, KeyEncoder keys, KeySet seen, KeySet existing) {
    this.table = table;
    this.rowKey = new RowKey(table, keys);
    this.seen = seen;
    this.existing = existing;
  }

  @Override
  public RowStatus claim(Object[] row, RowProblem problem) {
    if (!rowKey.encodeRow(row, problem)) {
      return RowStatus.REJECTED;
    }
    if (existing != null && existing.contains(rowKey.key())) {
      return RowStatus.DUPLICATE; // already in the database
    }
    return seen.addIfAbsent(rowKey.key()) ? RowStatus.WRITTEN : rowKey.duplicate(row, problem);
  }

  @Override
  public RowStatus peek(Object[] row, boolean keyHoldsCreatedId, RowProblem problem) {
    if (keyHoldsCreatedId) {
      return RowStatus.WRITTEN;
    }
    if (!rowKey.encodeRow(row, problem)) {
      return RowStatus.REJECTED;
    }
    if (existing != null && existing.contains(rowKey.key())) {
      return RowStatus.DUPLICATE;
    }
    return seen.contains(rowKey.key()) ? rowKey.duplicate(row, problem) : RowStatus.WRITTEN;
  }

  @Override
  public Seeding seeding() {
    return table.onExisting() == OnExisting.SKIP ? Seeding.ROWS : Seeding.NONE;
  }

  @Override
  public void seed(OptionalLong id, List<String> keyParts) {
    (existing != null ? existing : seen).addIfAbsent(rowKey.encodeTexts(keyParts));
  }
}
