package dev.spillway.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * {@code --defer-indexes} for one table, crash-safe: {@link #defer} records the table's deferrable
 * objects ({@link Catalog#deferrableObjects}) in {@code deferred_object} and drops them in one
 * transaction; {@link #restore} recreates each and marks it restored in one transaction per
 * object. DDL is transactional in Postgres, so after a crash at any point every object is either
 * present in the table or recorded as dropped, and a resumed load restores exactly the dropped ones.
 * {@code --create-tables} records the keys and foreign keys of a table it creates bare the same way
 * (as pending after the data) and they are built by the same {@link #restore}.
 * What is pending belongs to the target table: a load of any spill restores what the load of
 * another spill left dropped on it. Each build commits with {@code synchronous_commit = off}, as a
 * segment does: a commit lost in a server crash leaves the object absent and still recorded as
 * dropped, so it is built again; a load reports success only after {@link DurableFlush}.
 * With {@code serialBuilds}, each build runs without parallel maintenance workers
 * ({@code max_parallel_maintenance_workers = 0}, for its transaction only): for loads that build
 * on several connections at once, whose builds already keep the cores busy; a parallel build's
 * workers then only compete with the other connections' work, and its leader merges their sorts
 * on top (issue 11: two jobs on two cores, the bench/run-vs-psql.sh load took ~7% less server CPU
 * and less wall time without them).
 * Call both on a connection with no open transaction.
 */
public final class IndexDeferral {
  /** SQLState deadlock_detected: the server aborted this transaction to break a lock cycle. */
  private static final String DEADLOCK = "40P01";
  private static final int DEADLOCK_ATTEMPTS = 5;

  private final DeferredObjectTable deferred;
  /** Each build's transaction settings, in one statement: commit without waiting, and maybe no parallel workers. */
  private final String buildSettings;

  /** Builds with the server's parallel maintenance workers. */
  public IndexDeferral(DeferredObjectTable deferred) {
    this(deferred, false);
  }

  /** @param serialBuilds builds without parallel maintenance workers (for loads that build on several connections) */
  public IndexDeferral(DeferredObjectTable deferred, boolean serialBuilds) {
    this.deferred = deferred;
    // one WAL flush per load, not per object: a load reports success only after DurableFlush
    this.buildSettings = "SELECT pg_catalog.set_config('synchronous_commit', 'off', true)"
        + (serialBuilds ? ", pg_catalog.set_config('max_parallel_maintenance_workers', '0', true)" : "");
  }

  /** Whether a {@code --defer-indexes} load of this spill left objects of the table dropped (a resumed load). */
  public boolean deferredBy(Connection c, String spillId, QualifiedName table) {
    return !deferred.deferredBySpill(c, spillId, table).isEmpty();
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
   * Recreates the table's objects recorded as dropped by the load of any spill (keys first, then
   * indexes, then foreign keys, which Postgres validates against every row) and marks each
   * restored; returns them.
   */
  public List<DeferrableObject> restore(Connection c, QualifiedName table) {
    return build(c, table, deferred.pending(c, table));
  }

  /**
   * Like {@link #restore(Connection, QualifiedName)}, only the objects of these kinds; with
   * {@code afterDataToo} false, not the ones {@code --create-tables} builds after the data.
   */
  public List<DeferrableObject> restore(Connection c, QualifiedName table, Set<DeferrableObject.Kind> kinds,
      boolean afterDataToo) {
    return build(c, table, deferred.pending(c, table, kinds, afterDataToo));
  }

  private List<DeferrableObject> build(Connection c, QualifiedName table, List<DeferrableObject> pending) {
    for (DeferrableObject o : pending) {
      for (int attempt = 1; ; attempt++) {
        try {
          Jdbc.inTransaction(c, () -> {
            execute(c, buildSettings);
            if (!new Catalog(c).exists(o)) {
              execute(c, o.createSql());
            }
            deferred.markRestored(c, o);
            return null;
          });
          break;
        } catch (SQLException e) {
          // two foreign keys of a cycle (a -> b, b -> a) built at once lock both tables in opposite orders
          if (DEADLOCK.equals(e.getSQLState()) && attempt < DEADLOCK_ATTEMPTS) {
            continue;
          }
          throw ConstraintBuildException.of(o, e);
        }
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
