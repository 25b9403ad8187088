package dev.spillway.spill;

import dev.spillway.idmap.KeySet;
import dev.spillway.idmap.NaturalKey;
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
 * row repeating a database key is a duplicate, not a reject. A parked row's key is added when it is
 * parked ({@link #reserve}) and is pending: a row read later with that key is a
 * {@link RowStatus#CONTENDER} for it, and the resolution pass keeps the first holder not dropped.
 */
final class LinkIdentity implements RowIdentity {
  private final TableSpec table;
  private final RowKey rowKey;
  private final KeySet seen;
  /** Keys already in the database, when they must be told apart from this run's; else null (they go to seen). */
  private final KeySet existing;

  /** The record being checked. */
  private final KeyStates states;
  /** The table these rows go to, for the record's scope. */
  private TableOutput output;

  LinkIdentity(TableSpec table, KeyEncoder keys, KeySet seen, KeySet existing, KeyStates states) {
    this.states = states;
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
    if (!rowKey.encodeRow(row, problem)) {
      return RowStatus.REJECTED;
    }
    if (keyHoldsCreatedId) {
      return RowStatus.WRITTEN;
    }
    if (existing != null && existing.contains(rowKey.key())) {
      return RowStatus.DUPLICATE;
    }
    if (states.scope().lookup(output, rowKey.key()) != dev.spillway.idmap.IdMap.ABSENT) {
      return rowKey.duplicate(row, problem);
    }
    RowStatus status = RowStatus.WRITTEN;
    if (seen.contains(rowKey.key())) {
      if (!states.isPending(rowKey.key()) || states.isLost(rowKey.key())) {
        return rowKey.duplicate(row, problem);
      }
      status = RowStatus.CONTENDER; // its parked holder may be dropped: decided in the resolution pass
    }
    states.scope().claim(output, rowKey.key());
    return status;
  }

  @Override
  public NaturalKey contend(Object[] row) {
    encodeChecked(row);
    states.addContender(rowKey.key());
    return rowKey.key();
  }

  @Override
  public RowStatus duplicate(Object[] row, RowProblem problem) {
    return rowKey.duplicate(row, problem);
  }

  private void encodeChecked(Object[] row) {
    RowProblem problem = new RowProblem();
    if (!rowKey.encodeRow(row, problem)) {
      throw new IllegalStateException("table " + table.name() + ": a peeked key does not encode: " + problem.reason());
    }
  }

  /** The table output this identity deduplicates; set once, when the output is built. */
  void output(TableOutput newOutput) {
    this.output = newOutput;
  }

  @Override
  public NaturalKey reserve(Object[] row) {
    encodeChecked(row);
    seen.addIfAbsent(rowKey.key());
    states.markPending(rowKey.key());
    return rowKey.key();
  }

  @Override
  public void claimReserved(Object[] row) {
    // the key is in the set since reserve: nothing to number
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
