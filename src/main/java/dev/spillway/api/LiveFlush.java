package dev.spillway.api;

import dev.spillway.pg.Identifiers;
import dev.spillway.pg.KeyIdMismatchException;
import dev.spillway.pg.StagedMerge;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one batch of pending records in the caller's transaction, in three steps.
 * <ol>
 *   <li>(Tables whose ids are not from a sequence that the batch may write to are locked first,
 *       see {@link IdAllocator}, so no key can be committed by another writer between lookup and write.)
 *   <li><b>Look up</b> every natural key the batch's rows have or its refs name
 *       ({@link KeyLookup}: the cache, then the database).
 *   <li><b>Decide</b>, changing nothing, which rows are written and what each ref comes to
 *       ({@link BatchDecision}).
 *   <li><b>Write</b>, tables in dependency order: new keys take ids ({@link IdAllocator}); rows
 *       created by {@code missing: create} go in first ({@code INSERT ... ON CONFLICT DO NOTHING},
 *       without comparing ids first, then the id of a key a concurrent transaction inserted meanwhile
 *       is selected and used); then
 *       the emitted rows are COPYed into the stage and merged by {@link StagedMerge} with the
 *       table's {@code on_existing} rule, the SQL of {@code load --on-conflict}. After the merge,
 *       a key another transaction committed first under another id fails the flush.
 * </ol>
 * Single-threaded; one per flush.
 */
final class LiveFlush {
  private final Connection connection;
  private final List<LiveTable> loadOrder;
  private final KeyLookup lookup;
  private final IdAllocator allocator;
  private final IdCache cache;

  /** Keys in the database (and their ids), from step 1. */
  private Map<KeyRef, Long> inDatabase = Map.of();
  /** Keys created by {@code missing: create} refs, in order, from step 2. */
  private Set<KeyRef> created = Set.of();
  /** Every key's id, step 3. */
  private final Map<KeyRef, Long> ids = new HashMap<>();

  LiveFlush(Connection connection, List<LiveTable> loadOrder, KeyLookup lookup, IdAllocator allocator, IdCache cache) {
    this.connection = connection;
    this.loadOrder = loadOrder;
    this.lookup = lookup;
    this.allocator = allocator;
    this.cache = cache;
  }

  LiveResult run(List<PendingRecord> records) {
    List<KeyRef> keys = keysOf(records);
    lockTablesWithoutSequence(records, keys);
    inDatabase = lookup.find(keys);
    created = new BatchDecision(inDatabase).decide(records);
    Map<String, LiveResult.TableCounts> counts = new LinkedHashMap<>();
    Map<LiveTable, List<PendingRow>> rowsByTable = new LinkedHashMap<>();
    Map<LiveTable, List<KeyRef>> createdByTable = new LinkedHashMap<>();
    for (LiveTable table : loadOrder) { // every id first: a cycle's earlier table references a later one's
      List<PendingRow> rows = rowsOf(records, table);
      List<KeyRef> createdHere = created.stream().filter(k -> k.table() == table).toList();
      if (!rows.isEmpty() || !createdHere.isEmpty()) {
        rowsByTable.put(table, rows);
        createdByTable.put(table, createdHere);
        assignIds(table, rows, createdHere);
      }
    }
    try {
      for (LiveTable table : rowsByTable.keySet()) {
        long inserted = insertCreated(table, createdByTable.get(table));
        LiveResult.TableCounts c = writeRows(table, rowsByTable.get(table));
        counts.put(table.name(), c.plus(new LiveResult.TableCounts(inserted, 0, 0, 0, 0)));
      }
    } catch (SQLException e) {
      throw new LiveWriteException("live write failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    } catch (KeyIdMismatchException e) {
      throw new LiveWriteException(e.getMessage() + " (another transaction wrote the key first); roll back and retry"
          + " the transaction", e);
    }
    ids.forEach(cache::put);
    List<LiveReject> rejects = records.stream().filter(PendingRecord::rejected).map(r -> r.reject).toList();
    return new LiveResult(records.size(), counts, rejects);
  }

  // ---- step 1 ----

  /**
   * Locks, before any key is looked up, the tables without an id sequence that may get new rows
   * (those of the batch's rows and refs), in load order: their ids are {@code max(id) + 1} under the
   * table's lock, and a key another transaction commits after the lookup but before the lock would
   * otherwise be missed and created again under another id.
   */
  private void lockTablesWithoutSequence(List<PendingRecord> records, List<KeyRef> keys) {
    Set<LiveTable> touched = new java.util.HashSet<>();
    keys.forEach(k -> touched.add(k.table()));
    for (PendingRecord r : records) {
      r.rows.forEach(row -> touched.add(row.table));
    }
    for (LiveTable table : loadOrder) {
      if (touched.contains(table) && table.idOrdinal >= 0) {
        allocator.lockIfWithoutSequence(table);
      }
    }
  }

  private static List<KeyRef> keysOf(List<PendingRecord> records) {
    List<KeyRef> keys = new ArrayList<>();
    for (PendingRecord r : records) {
      for (PendingRow row : r.rows) {
        if (row.key != null) {
          keys.add(row.key);
        }
        for (Object v : row.values) {
          if (v instanceof PendingRef ref && ref.key != null) {
            keys.add(ref.key);
          }
        }
      }
    }
    return keys;
  }

  // ---- step 3 ----

  private static List<PendingRow> rowsOf(List<PendingRecord> records, LiveTable table) {
    List<PendingRow> rows = new ArrayList<>();
    for (PendingRecord r : records) {
      if (!r.rejected()) {
        r.rows.stream().filter(row -> row.table == table).forEach(rows::add);
      }
    }
    return rows;
  }

  /** Ids for the table's new keys (rows to write, then created keys) and its keyless rows; database keys keep theirs. */
  private void assignIds(LiveTable table, List<PendingRow> rows, List<KeyRef> createdHere) {
    if (table.idOrdinal < 0) {
      return;
    }
    List<KeyRef> fresh = new ArrayList<>();
    int keyless = 0;
    for (PendingRow row : rows) {
      if (row.state != PendingRow.State.WRITE) {
        continue;
      }
      if (row.key == null) {
        keyless++;
      } else if (inDatabase.containsKey(row.key)) {
        ids.put(row.key, inDatabase.get(row.key));
      } else {
        fresh.add(row.key);
      }
    }
    fresh.addAll(createdHere);
    long[] next = allocator.allocate(table, fresh.size() + keyless);
    for (int i = 0; i < fresh.size(); i++) {
      ids.put(fresh.get(i), next[i]);
    }
    int k = fresh.size();
    for (PendingRow row : rows) {
      if (row.state == PendingRow.State.WRITE && row.key == null) {
        row.values[table.idOrdinal] = id(table, table.idColumn().orElseThrow(), next[k++], table.idIsInteger);
      }
    }
  }

  /** Inserts the rows {@code missing: create} refs make (id and key, the rest NULL); returns how many were new. */
  private long insertCreated(LiveTable table, List<KeyRef> keys) throws SQLException {
    if (keys.isEmpty()) {
      return 0;
    }
    List<Object[]> rows = new ArrayList<>();
    Map<Long, KeyRef> byId = new HashMap<>();
    for (KeyRef key : keys) {
      Object[] row = new Object[table.codecs.length];
      long id = ids.get(key);
      row[table.idOrdinal] = id(table, table.idColumn().orElseThrow(), id, table.idIsInteger);
      for (int i = 0; i < table.keyOrdinals.length; i++) {
        row[table.keyOrdinals[i]] = part(table, i, key.parts().get(i));
      }
      rows.add(row);
      byId.put(id, key);
    }
    long staged = StageCopy.copy(connection, table, rows);
    long inserted = table.createMerge.insertMissing(connection, table.mergeTarget);
    if (inserted < staged) { // a concurrent transaction inserted some of these keys first: use its ids
      String id = Identifiers.quote(table.idColumn().orElseThrow());
      String sql = "SELECT s." + id + ", t." + id + " FROM " + table.merge.stage().sql() + " s JOIN " + table.target.sql()
          + " t USING (" + Identifiers.quoteList(table.spec.key()) + ") WHERE s." + id + " <> t." + id;
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          ids.put(byId.get(rs.getLong(1)), rs.getLong(2));
        }
      }
    }
    return inserted;
  }

  private LiveResult.TableCounts writeRows(LiveTable table, List<PendingRow> rows) throws SQLException {
    List<Object[]> out = new ArrayList<>();
    long duplicates = 0;
    long skipped = 0;
    for (PendingRow row : rows) {
      switch (row.state) {
        case DUPLICATE -> duplicates++;
        case SKIPPED -> skipped++;
        case WRITE -> out.add(fill(row));
      }
    }
    if (out.isEmpty()) {
      return new LiveResult.TableCounts(0, 0, 0, duplicates, skipped);
    }
    long staged = StageCopy.copy(connection, table, out);
    StagedMerge.Counts c;
    try {
      c = table.merge.merge(connection, table.mergeTarget, staged);
      table.merge.checkIds(connection, table.mergeTarget); // a key another transaction committed meanwhile
    } catch (KeyIdMismatchException e) {
      throw new LiveWriteException("table " + table.target + ": the row with key " + e.key() + " was given id "
          + e.stagedId() + " but the table has it under id " + e.targetId() + " (another transaction wrote the key"
          + " first); roll back and retry the transaction", e);
    }
    return new LiveResult.TableCounts(c.inserted(), c.updated(), c.skipped(), duplicates, skipped);
  }

  /** The row as written: its id and every ref's id in place. */
  private Object[] fill(PendingRow row) {
    LiveTable table = row.table;
    Object[] values = row.values.clone();
    if (table.idOrdinal >= 0 && row.key != null) {
      values[table.idOrdinal] = id(table, table.idColumn().orElseThrow(), ids.get(row.key), table.idIsInteger);
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof PendingRef ref) {
        boolean integer = table.spec.columns().get(i).type().base() == dev.spillway.pgbinary.PgType.INTEGER;
        values[i] = ref.outcome == PendingRef.Outcome.NULL ? null
            : id(table, table.spec.columns().get(i).name(), idOf(ref.key), integer);
      }
    }
    return values;
  }

  /** A key part as stored: a nested key is the referenced row's id. */
  private Object part(LiveTable table, int part, Object value) {
    if (!(value instanceof KeyRef nested)) {
      return value;
    }
    var column = table.spec.columns().get(table.keyOrdinals[part]);
    return id(table, column.name(), idOf(nested), column.type().base() == dev.spillway.pgbinary.PgType.INTEGER);
  }

  private long idOf(KeyRef key) {
    Long id = ids.containsKey(key) ? ids.get(key) : inDatabase.get(key);
    if (id == null) {
      throw new IllegalStateException("no id for " + key + " though its ref was decided found");
    }
    return id;
  }

  private static Object id(LiveTable table, String column, long id, boolean integer) {
    Object boxed = LiveTable.box(id, integer);
    if (boxed == null) {
      throw new LiveWriteException("table " + table.target + " column " + column + ": id " + id
          + " does not fit integer; declare it bigint");
    }
    return boxed;
  }
}
