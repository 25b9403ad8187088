package dev.spillway.spill;

import dev.spillway.idmap.Assignment;
import dev.spillway.idmap.IdMap;
import dev.spillway.idmap.KeySet;
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
 * the first id of this run, and count as duplicates.
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

  KeyedIdentity(TableSpec table, IdColumn idColumn, KeyEncoder keys, IdMap ids, KeySet written) {
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
    boolean first = written != null ? written.addIfAbsent(rowKey.key()) : assignment.isNew();
    if (!first) {
      return rowKey.duplicate(row, problem);
    }
    idColumn.put(row, assignment.id());
    return RowStatus.WRITTEN;
  }

  @Override
  public RowStatus peek(Object[] row, boolean keyHoldsCreatedId, RowProblem problem) {
    if (keyHoldsCreatedId) {
      return RowStatus.WRITTEN;
    }
    if (!rowKey.encodeRow(row, problem)) {
      return RowStatus.REJECTED;
    }
    long id = ids.lookup(rowKey.key());
    if (id == IdMap.ABSENT) {
      return RowStatus.WRITTEN;
    }
    if (table.onExisting() == OnExisting.SKIP && id < firstRunId) {
      return RowStatus.DUPLICATE;
    }
    boolean first = written != null && !written.contains(rowKey.key());
    return first ? RowStatus.WRITTEN : rowKey.duplicate(row, problem);
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
