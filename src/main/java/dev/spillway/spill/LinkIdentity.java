package dev.spillway.spill;

import dev.spillway.idmap.KeySet;
import dev.spillway.idmap.KeyTooLongException;
import dev.spillway.idmap.NaturalKey;
import dev.spillway.plan.OnDuplicate;
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
  private final KeyEncoder keys;
  private final KeySet seen;
  /** Keys already in the database, when they must be told apart from this run's; else null (they go to seen). */
  private final KeySet existing;
  private final int[] keyOrdinals;
  /** Reused for every row. */
  private final NaturalKey key = new NaturalKey();

  LinkIdentity(TableSpec table, KeyEncoder keys, KeySet seen, KeySet existing) {
    this.table = table;
    this.keys = keys;
    this.seen = seen;
    this.existing = existing;
    this.keyOrdinals = table.keyOrdinals();
  }

  @Override
  public RowStatus claim(Object[] row, RowProblem problem) {
    try {
      keys.encodeRow(row, key);
    } catch (KeyTooLongException e) {
      return problem.set(RowStatus.REJECTED, null, KeyText.parts(row, keyOrdinals, keys), e.getMessage());
    }
    if (existing != null && existing.contains(key)) {
      return RowStatus.DUPLICATE; // already in the database
    }
    return seen.addIfAbsent(key) ? RowStatus.WRITTEN : duplicate(row, problem);
  }

  private RowStatus duplicate(Object[] row, RowProblem problem) {
    if (table.onDuplicate() == OnDuplicate.FIRST) {
      return RowStatus.DUPLICATE;
    }
    String parts = KeyText.parts(row, keyOrdinals, keys);
    String reason = "duplicate key " + KeyText.describe(table.name(), parts);
    return table.onDuplicate() == OnDuplicate.REJECT
        ? problem.set(RowStatus.REJECTED, null, parts, reason)
        : problem.set(RowStatus.FATAL, null, parts, reason + " (on_duplicate: error)");
  }

  @Override
  public RowStatus peek(Object[] row, boolean keyHoldsCreatedId, RowProblem problem) {
    if (keyHoldsCreatedId) {
      return RowStatus.WRITTEN;
    }
    try {
      keys.encodeRow(row, key);
    } catch (KeyTooLongException e) {
      return problem.set(RowStatus.REJECTED, null, KeyText.parts(row, keyOrdinals, keys), e.getMessage());
    }
    if (existing != null && existing.contains(key)) {
      return RowStatus.DUPLICATE;
    }
    return seen.contains(key) ? duplicate(row, problem) : RowStatus.WRITTEN;
  }

  @Override
  public Seeding seeding() {
    return table.onExisting() == OnExisting.SKIP ? Seeding.ROWS : Seeding.NONE;
  }

  @Override
  public void seed(OptionalLong id, List<String> keyParts) {
    (existing != null ? existing : seen).addIfAbsent(keys.encodeTexts(keyParts, key));
  }
}
