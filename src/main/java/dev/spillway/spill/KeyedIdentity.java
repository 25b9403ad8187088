package dev.spillway.spill;

import dev.spillway.idmap.Assignment;
import dev.spillway.idmap.IdMap;
import dev.spillway.idmap.KeySet;
import dev.spillway.idmap.KeyTooLongException;
import dev.spillway.idmap.NaturalKey;
import dev.spillway.plan.OnDuplicate;
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
  private final KeyEncoder keys;
  private final IdMap ids;
  /** Keys whose row was written in this run; null when {@link IdMap#assign}'s isNew tells. */
  private final KeySet written;
  private final int idOrdinal;
  private final boolean idAsInteger;
  private final int[] keyOrdinals;
  /** Reused for every row. */
  private final NaturalKey key = new NaturalKey();
  /** Ids below this came from the database: the map's next id once seeding is done. */
  private long firstRunId;

  KeyedIdentity(TableSpec table, KeyEncoder keys, IdMap ids, KeySet written) {
    this.table = table;
    this.keys = keys;
    this.ids = ids;
    this.written = written;
    this.idOrdinal = table.idOrdinal();
    this.idAsInteger = IdValues.asInteger(table.columns().get(idOrdinal));
    this.keyOrdinals = table.keyOrdinals();
    this.firstRunId = ids.nextId();
  }

  @Override
  public RowStatus claim(Object[] row, RowProblem problem) {
    try {
      keys.encodeRow(row, key);
    } catch (KeyTooLongException e) {
      return problem.set(RowStatus.REJECTED, null, KeyText.parts(row, keyOrdinals, keys), e.getMessage());
    }
    Assignment assignment = ids.assign(key);
    if (table.onExisting() == OnExisting.SKIP && assignment.id() < firstRunId) {
      return RowStatus.DUPLICATE; // already in the database
    }
    boolean first = written != null ? written.addIfAbsent(key) : assignment.isNew();
    if (!first) {
      return duplicate(row, problem);
    }
    Object id = IdValues.box(assignment.id(), idAsInteger);
    if (id == null) {
      throw new IdOverflow(table.name(), table.idColumn().orElseThrow(), assignment.id());
    }
    row[idOrdinal] = id;
    return RowStatus.WRITTEN;
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
    long id = ids.lookup(key);
    if (id == IdMap.ABSENT) {
      return RowStatus.WRITTEN;
    }
    if (table.onExisting() == OnExisting.SKIP && id < firstRunId) {
      return RowStatus.DUPLICATE;
    }
    boolean first = written != null && !written.contains(key);
    return first ? RowStatus.WRITTEN : duplicate(row, problem);
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
  public Seeding seeding() {
    return Seeding.ROWS;
  }

  @Override
  public void seed(OptionalLong id, List<String> keyParts) {
    ids.seed(keys.encodeTexts(keyParts, key), id.orElseThrow());
    firstRunId = ids.nextId();
  }
}
