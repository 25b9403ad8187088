package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code deferred_object} (see {@link ControlSchema}): which indexes and foreign
 * keys a load dropped, which keys and foreign keys a load builds after the data of a table it
 * created, and whether they are there now. Each call runs in the caller's transaction.
 * Immutable and thread-safe (the connections are not).
 */
public final class DeferredObjectTable {
  static final String DROPPED = "dropped";
  static final String RESTORED = "restored";

  private final QualifiedName table;

  public DeferredObjectTable(ControlSchema schema) {
    this.table = schema.deferredTable();
  }

  /** Records the object as dropped (call it in the transaction that drops it); a repeat is a no-op. */
  public void recordDropped(Connection c, String spillId, DeferrableObject o) {
    String sql = "INSERT INTO " + table.sql() + " (spill_id, table_name, kind, name, definition, state)"
        + " VALUES (?, ?, ?, ?, ?, '" + DROPPED + "') ON CONFLICT (spill_id, table_name, kind, name) DO UPDATE"
        // the same spill dropping it again (its progress reset after a TRUNCATE): pending again, or it is lost
        + " SET definition = EXCLUDED.definition, state = EXCLUDED.state, recorded_at = now(), restored_at = NULL"
        + " WHERE " + table.sql() + ".state = '" + RESTORED + "'";
    update(c, sql, "recording the dropped " + describe(o), spillId, o.table().sql(), o.kind().code(), o.name(), o.definition());
  }

  /**
   * Records the object of a table {@code --create-tables} just created bare, to be built after the
   * table's data (call it in the transaction that creates the table). A record of the same spill,
   * table and name left by an earlier table of that name (dropped since) is replaced: the table is
   * new, so whatever was built on the old one is pending again.
   */
  public void recordAfterData(Connection c, String spillId, DeferrableObject o) {
    update(c, recordAfterDataSql(), "recording the pending " + describe(o), spillId, o.table().sql(), o.kind().code(),
        o.name(), o.definition());
  }

  /** {@link #recordAfterData(Connection, String, DeferrableObject)} of each object, in one round trip (a batch). */
  public void recordAfterData(Connection c, String spillId, List<DeferrableObject> objects) {
    if (objects.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(recordAfterDataSql())) {
      for (DeferrableObject o : objects) {
        Jdbc.bind(ps, spillId, o.table().sql(), o.kind().code(), o.name(), o.definition());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw SqlErrors.wrap("recording the pending " + objects.stream().map(DeferredObjectTable::describe)
          .collect(Collectors.joining(", ")), e);
    }
  }

  private String recordAfterDataSql() {
    return "INSERT INTO " + table.sql() + " (spill_id, table_name, kind, name, definition, state, after_data)"
        + " VALUES (?, ?, ?, ?, ?, '" + DROPPED + "', true) ON CONFLICT (spill_id, table_name, kind, name) DO UPDATE"
        + " SET definition = EXCLUDED.definition, state = EXCLUDED.state, after_data = true, recorded_at = now(),"
        + " restored_at = NULL";
  }

  /**
   * Marks the object restored, whichever spill's load recorded it dropped (call it in the
   * transaction that recreates it).
   */
  public void markRestored(Connection c, DeferrableObject o) {
    String sql = "UPDATE " + table.sql() + " SET state = '" + RESTORED + "', restored_at = now()"
        + " WHERE state = '" + DROPPED + "' AND table_name = ? AND kind = ? AND name = ?";
    update(c, sql, "marking " + describe(o) + " restored", o.table().sql(), o.kind().code(), o.name());
  }

  /**
   * Objects of the target table that are dropped and not yet restored, recorded by the load of any
   * spill (the pending restore belongs to the table, not to the spill that dropped it): indexes
   * first, then foreign keys, by name; one entry per object.
   */
  public List<DeferrableObject> pending(Connection c, QualifiedName target) {
    return select(c, " AND table_name = ?", target.sql());
  }

  /**
   * Like {@link #pending(Connection, QualifiedName)}, only objects of these kinds; with
   * {@code afterDataToo} false only what {@code --defer-indexes} dropped, not what
   * {@code --create-tables} builds after the data.
   */
  public List<DeferrableObject> pending(Connection c, QualifiedName target, Set<DeferrableObject.Kind> kinds,
      boolean afterDataToo) {
    String codes = kinds.stream().map(k -> "'" + k.code() + "'").collect(Collectors.joining(", "));
    return select(c, " AND table_name = ? AND kind IN (" + codes + ")" + (afterDataToo ? "" : " AND NOT after_data"),
        target.sql());
  }

  /**
   * The tables (as recorded: {@link QualifiedName#sql()}) with objects of these kinds pending, in
   * one round trip; with {@code afterDataToo} false, only what {@code --defer-indexes} dropped.
   */
  public Set<String> tablesWithPending(Connection c, Set<DeferrableObject.Kind> kinds, boolean afterDataToo) {
    String codes = kinds.stream().map(k -> "'" + k.code() + "'").collect(Collectors.joining(", "));
    String sql = "SELECT DISTINCT table_name FROM " + table.sql() + " WHERE state = '" + DROPPED + "' AND kind IN ("
        + codes + ")" + (afterDataToo ? "" : " AND NOT after_data");
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      Set<String> out = new HashSet<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading which tables have deferred indexes and foreign keys pending from " + table, e);
    }
  }

  /** All objects the spill's loads dropped that are still waiting to be restored. */
  public List<DeferrableObject> pendingOfSpill(Connection c, String spillId) {
    return select(c, " AND spill_id = ?", spillId);
  }

  /** What {@code --defer-indexes} loads of this spill dropped on the table and nothing restored yet. */
  public List<DeferrableObject> deferredBySpill(Connection c, String spillId, QualifiedName target) {
    return select(c, " AND spill_id = ? AND table_name = ? AND NOT after_data", spillId, target.sql());
  }

  private List<DeferrableObject> select(Connection c, String filter, Object... params) {
    String sql = "SELECT DISTINCT table_name, kind, name, definition FROM " + table.sql()
        + " WHERE state = '" + DROPPED + "'" + filter + " ORDER BY table_name, kind DESC, name";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, params);
      List<DeferrableObject> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new DeferrableObject(DeferrableObject.Kind.ofCode(rs.getString(2)),
              QualifiedName.parseQuoted(rs.getString(1)), rs.getString(3), rs.getString(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading the deferred indexes and foreign keys of " + params[0] + " from " + table, e);
    }
  }

  private void update(Connection c, String sql, String operation, Object... params) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, params);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.wrap(operation + " in " + table, e);
    }
  }

  private static String describe(DeferrableObject o) {
    return o.kind().code().replace('_', ' ') + " " + Identifiers.quote(o.name()) + " of " + o.table();
  }
}
