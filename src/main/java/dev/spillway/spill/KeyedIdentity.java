package dev.spillway.spill;

import dev.spillway.idmap.Assignment;
import dev.spillway.idmap.IdMap;
import dev.spillway.idmap.KeySet;
import dev.spillway.idmap.NaturalKey;
import dev.spillway.plan.OnExisting;
import dev.spillway.plan.TableSpec;
import java.util.List;
import java.util.OptionalLong;

/**
 * A table with an id column and a natural key: the id map gives each key its id (1, 2, 3, ... in
 * order of first appearance, or the database's id for a seeded key); the first row with a key is
 * written, later ones are duplicates ({@code on_duplicate: first}), rejects or fatal.
 *
 * <p>Which row is "first": normally the row whose {@link IdMap#assign} created the key. When the
 * table also has a {@code written} key set, the set decides instead, because the map then holds
 * keys whose row was not written by a claim: ids handed out by {@code missing: create} refs (the
 * real row arriving later must be written with that id, not counted as a duplicate of the stub),
 * and existing keys of an {@code on_existing: update} table (written once more with their id).
 * Keys seeded from the database with {@code on_existing: skip} are recognised by their id, below
 * the first id of this run, and count as duplicates. A row whose key a parked row reserved is a
 * {@link RowStatus#CONTENDER}, not a duplicate, until the resolution pass knows which holder is
 * kept ({@link KeyStates}).
 */
final class KeyedIdentity implements RowIdentity {
  private final TableSpec table;
  private final RowKey rowKey;
  private final IdMap ids;
  /** Keys whose row was written in this run; null when {@link IdMap#assign}'s isNew tells. */
  private final KeySet written;
  private final IdColumn idColumn;
  /** Ids below this came from the database: the map's next id once seeding is done. */
  private long firstRunId;

  /** Pending keys (reserved by parked rows) and the record being checked. */
  private final KeyStates states;
  /** The table these rows go to, for the record's scope. */
  private TableOutput output;

  KeyedIdentity(TableSpec table, IdColumn idColumn, KeyEncoder keys, IdMap ids, KeySet written, KeyStates states) {
    this.states = states;
    this.table = table;
    this.rowKey = new RowKey(table, keys);
    this.ids = ids;
    this.written = written;
    this.idColumn = idColumn;
    this.firstRunId = ids.nextId();
  }

  @Override
  public RowStatus claim(Object[] row, RowProblem problem) {
    if (!rowKey.encodeRow(row, problem)) {
      return RowStatus.REJECTED;
    }
    Assignment assignment = ids.assign(rowKey.key());
    if (table.onExisting() == OnExisting.SKIP && assignment.id() < firstRunId) {
      return RowStatus.DUPLICATE; // already in the database
    }
    boolean first = written != null ? written.addIfAbsent(rowKey.key())
        : assignment.isNew() || states.scope().wasAssignedEarly(output, rowKey.key());
    if (!first) {
      return rowKey.duplicate(row, problem);
    }
    idColumn.put(row, assignment.id());
    return RowStatus.WRITTEN;
  }

  /** The table output this identity numbers; set once, when the output is built. */
  void output(TableOutput newOutput) {
    this.output = newOutput;
  }

  @Override
  public RowStatus peek(Object[] row, boolean keyHoldsCreatedId, RowProblem problem) {
    if (!rowKey.encodeRow(row, problem)) {
      return RowStatus.REJECTED;
    }
    if (keyHoldsCreatedId) {
      return RowStatus.WRITTEN;
    }
    if (states.scope().lookup(output, rowKey.key()) != IdMap.ABSENT) {
      return rowKey.duplicate(row, problem);
    }
    long id = ids.lookup(rowKey.key());
    RowStatus status;
    if (id == IdMap.ABSENT) {
      status = RowStatus.WRITTEN;
    } else if (table.onExisting() == OnExisting.SKIP && id < firstRunId) {
      return RowStatus.DUPLICATE;
    } else if (states.isPending(rowKey.key()) && !states.isLost(rowKey.key())) {
      status = RowStatus.CONTENDER; // its parked holder may be dropped: decided in the resolution pass
    } else {
      boolean first = written != null && !written.contains(rowKey.key()) && !states.isPending(rowKey.key());
      status = first ? RowStatus.WRITTEN : rowKey.duplicate(row, problem);
    }
    if (status == RowStatus.WRITTEN || status == RowStatus.CONTENDER) {
      states.scope().claim(output, rowKey.key());
    }
    return status;
  }

  @Override
  public NaturalKey contend(Object[] row) {
    encodeChecked(row, "a peeked key");
    states.addContender(rowKey.key());
    return rowKey.key();
  }

  @Override
  public RowStatus duplicate(Object[] row, RowProblem problem) {
    return rowKey.duplicate(row, problem);
  }

  private void encodeChecked(Object[] row, String what) {
    RowProblem problem = new RowProblem();
    if (!rowKey.encodeRow(row, problem)) {
      throw new IllegalStateException("table " + table.name() + ": " + what + " does not encode: " + problem.reason());
    }
  }

  @Override
  public NaturalKey reserve(Object[] row) {
    encodeChecked(row, "a peeked key");
    ids.assign(rowKey.key());
    states.markPending(rowKey.key());
    return rowKey.key();
  }

  @Override
  public void claimReserved(Object[] row) {
    encodeChecked(row, "a reserved key");
    long id = ids.lookup(rowKey.key());
    if (id == IdMap.ABSENT) {
      throw new IllegalStateException("table " + table.name() + ": reserved key " + rowKey.key() + " has no id");
    }
    if (written != null) {
      written.addIfAbsent(rowKey.key());
    }
    idColumn.put(row, id);
  }

  @Override
  public Seeding seeding() {
    return Seeding.ROWS;
  }

  @Override
  public void seed(OptionalLong id, List<String> keyParts) {
    ids.seed(rowKey.encodeTexts(keyParts), id.orElseThrow());
    firstRunId = ids.nextId();
  }
}
