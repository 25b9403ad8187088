package dev.spillway.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code --defer-indexes} for one table, crash-safe: {@link #defer} records the table's deferrable
 * objects ({@link Catalog#deferrableObjects}) in {@code deferred_object} and drops them in one
 * transaction; {@link #restore} recreates each and marks it restored in one transaction per
 * object. DDL is transactional in Postgres, so after a crash at any point every object is either
 * present in the table or recorded as dropped, and a resumed load restores exactly the dropped ones.
 * What is pending belongs to the target table: a load of any spill restores what the load of
 * another spill left dropped on it.
 * Call both on a connection with no open transaction.
 */
public final class IndexDeferral {
  private final DeferredObjectTable deferred;

  public IndexDeferral(DeferredObjectTable deferred) {
    this.deferred = deferred;
  }

  /** Records and drops the table's secondary indexes and foreign keys; returns what was dropped now. */
  public List<DeferrableObject> defer(Connection c, String spillId, QualifiedName table) {
    try {
      return Jdbc.inTransaction(c, () -> {
        List<DeferrableObject> objects = new Catalog(c).deferrableObjects(table);
        for (DeferrableObject o : objects) {
          deferred.recordDropped(c, spillId, o);
          execute(c, o.dropSql());
        }
        return objects;
      });
    } catch (SQLException e) {
      throw SqlErrors.wrap("dropping the deferred indexes and foreign keys of " + table, e);
    }
  }

  /**
   * Recreates the table's objects recorded as dropped by the load of any spill (indexes first, then
   * foreign keys, which Postgres validates against every row) and marks each restored; returns them.
   */
  public List<DeferrableObject> restore(Connection c, QualifiedName table) {
    List<DeferrableObject> pending = deferred.pending(c, table);
    for (DeferrableObject o : pending) {
      try {
        Jdbc.inTransaction(c, () -> {
          if (!new Catalog(c).exists(o)) {
            execute(c, o.createSql());
          }
          deferred.markRestored(c, o);
          return null;
        });
      } catch (SQLException e) {
        throw SqlErrors.wrap("recreating " + o.kind().code().replace('_', ' ') + " " + Identifiers.quote(o.name())
            + " of " + table + " (" + o.createSql() + ")", e);
      }
    }
    return pending;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
