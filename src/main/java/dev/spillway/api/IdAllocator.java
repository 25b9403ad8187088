package dev.spillway.api;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.ColumnSequence;
import dev.spillway.pg.Identifiers;
import dev.spillway.pg.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gives new rows of a table their ids, from the id space a backfill uses, so a backfill and live
 * writes never collide. Stage one numbers a table's ids 1, 2, 3, ... above the largest id already
 * in the target ({@code spill --url}); {@code load} then moves the column's identity or serial
 * sequence past the largest id. So:
 * <ul>
 *   <li>an id column fed by a sequence (identity or serial): {@code nextval} of that sequence, which
 *       is what every other writer of the table uses too;
 *   <li>an id column without a sequence (as {@code load --create-tables} creates it): the table is
 *       locked {@code IN SHARE ROW EXCLUSIVE MODE} before the flush looks up keys, for the rest of the transaction (concurrent
 *       writers of the table wait; readers do not) and ids continue from {@code max(id) + 1}.
 * </ul>
 * A spill taken before live writes and loaded after them would reuse ids the live writes took:
 * the load's {@code --on-conflict} check refuses it (IdMismatchException); spill again with
 * {@code --url}. Single-threaded; one per writer (the lock and the counters belong to its transaction).
 */
final class IdAllocator {
  private final Connection connection;
  /** Per table: its sequence, or empty when it has none (looked up once). */
  private final Map<LiveTable, Optional<ColumnSequence>> sequences = new HashMap<>();
  /** Per table without sequence: the next id to give (the table is locked). */
  private final Map<LiveTable, Long> nextIds = new HashMap<>();

  IdAllocator(Connection connection) {
    this.connection = connection;
  }

  /** {@code count} new ids for {@code table}, in increasing order. */
  long[] allocate(LiveTable table, int count) {
    long[] ids = new long[count];
    if (count == 0) {
      return ids;
    }
    Optional<ColumnSequence> sequence = sequences.computeIfAbsent(table, this::sequenceOf);
    try {
      if (sequence.isPresent()) {
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT nextval(CAST(? AS regclass)) FROM generate_series(1, ?) ORDER BY 1")) {
          ps.setString(1, sequence.get().sequence().sql());
          ps.setInt(2, count);
          try (ResultSet rs = ps.executeQuery()) {
            for (int i = 0; rs.next(); i++) {
              ids[i] = rs.getLong(1);
            }
          }
        }
        return ids;
      }
      long next = nextIds.containsKey(table) ? nextIds.get(table) : lockAndReadMax(table) + 1;
      for (int i = 0; i < count; i++) {
        ids[i] = next++;
      }
      nextIds.put(table, next);
      return ids;
    } catch (SQLException e) {
      throw SqlErrors.wrap("taking " + count + " ids for " + table.target, e);
    }
  }

  /**
   * For a table whose id column has no sequence: takes its lock and reads {@code max(id)} now (once
   * per transaction), before the caller looks up keys in it; a no-op for a table with a sequence.
   */
  void lockIfWithoutSequence(LiveTable table) {
    if (sequences.computeIfAbsent(table, this::sequenceOf).isPresent() || nextIds.containsKey(table)) {
      return;
    }
    try {
      nextIds.put(table, lockAndReadMax(table) + 1);
    } catch (SQLException e) {
      throw SqlErrors.wrap("locking " + table.target + " to take ids", e);
    }
  }

  private Optional<ColumnSequence> sequenceOf(LiveTable table) {
    String id = table.idColumn().orElseThrow();
    return new Catalog(connection).sequences(table.target).stream().filter(s -> s.column().equals(id)).findFirst();
  }

  private long lockAndReadMax(LiveTable table) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("LOCK TABLE " + table.target.sql() + " IN SHARE ROW EXCLUSIVE MODE");
      try (ResultSet rs = s.executeQuery("SELECT coalesce(max(" + Identifiers.quote(table.idColumn().orElseThrow())
          + "), 0) FROM " + table.target.sql())) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
