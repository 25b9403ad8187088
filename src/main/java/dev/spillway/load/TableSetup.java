package dev.spillway.load;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.CitusDdl;
import dev.spillway.pg.Ddl;
import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.DeferredObjectTable;
import dev.spillway.pg.Identifiers;
import dev.spillway.pg.SqlErrors;
import dev.spillway.pg.TableDef;
import dev.spillway.pg.TableMismatchException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prepares the target tables before any segment is loaded, on the load's control connection:
 * <ol>
 *   <li>{@code --create-tables}: the schema if it is missing, then every table that does not exist
 *       yet created bare ({@link Ddl#createBareTable}: columns, {@code NOT NULL} id and key columns)
 *       and its primary key, unique key and foreign keys recorded in {@code deferred_object} as
 *       pending after the data ({@link Ddl#afterData}, {@link DeferredObjectTable#recordAfterData}),
 *       all in one transaction, so after a crash a table either does not exist or exists with its
 *       keys recorded. The keys are built after the table's last segment ({@link TableKeys}), the
 *       foreign keys once the referenced tables have their keys too ({@link TableFinish}): the
 *       order of pg_restore. With {@code --on-conflict skip|update} the keys are created with the
 *       table instead (the merge needs them); foreign keys still come after the data. A table that
 *       exists already is left as it is. The check below runs in the same transaction: a table that
 *       fails to be created or cannot take its rows leaves nothing created;
 *   <li>with {@code --create-tables}, tables the plan lays out for Citus ({@code distribute_by},
 *       {@code reference}) and this load created are distributed or made reference tables in the
 *       same transaction, before any row ({@link CitusTables}), when the server has the
 *       {@code citus} extension; on plain PostgreSQL the layout is ignored and a warning returned;
 *   <li>each table with segments left to load must take the spill's columns
 *       ({@link Catalog#checkColumns}; a mismatch is a {@link dev.spillway.pg.TableMismatchException}),
 *       except a table this load just created from the manifest's columns.
 * Indexes are deferred per table, just before its first segment ({@link TableStart}).
 * </ol>
 * Not thread-safe (uses one connection, autocommit on entry and on return).
 */
final class TableSetup {
  private final Connection connection;
  private final DeferredObjectTable deferred;

  TableSetup(Connection connection, DeferredObjectTable deferred) {
    this.connection = connection;
    this.deferred = deferred;
  }

  /**
   * @param pending the tables with segments left to load
   * @return warnings for the user (a Citus layout ignored on plain PostgreSQL)
   */
  List<String> prepare(LoadPlan plan, List<TablePlan> pending, LoadOptions options) {
    if (!options.createTables()) {
      check(pending);
      return List.of();
    }
    List<String> warnings = new ArrayList<>();
    try {
      connection.setAutoCommit(false);
      boolean citus = CitusTables.wanted(plan) && CitusDdl.available(connection);
      Set<String> created = createTables(plan, options.onConflict() != ConflictMode.ERROR, citus);
      if (!created.isEmpty() && CitusTables.wanted(plan)) {
        if (citus) {
          distribute(CitusTables.statements(plan, created));
        } else {
          warnings.add(CitusTables.ignored(plan));
        }
      }
      // in the same transaction: a table that cannot take its rows undoes every CREATE; one created just now from
      // the manifest's columns takes them by construction (and checking it costs round trips per column)
      check(pending.stream().filter(t -> !created.contains(t.name())).toList());
      connection.commit();
      return warnings;
    } catch (SQLException e) {
      rollback(e);
      throw SqlErrors.wrap("creating the target tables (--create-tables)", e);
    } catch (RuntimeException e) { // recording a pending key failed: no table without its record
      rollback(e);
      throw e;
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        SqlErrors.reassertInterrupt(e); // a broken connection fails the next statement with its own message
      }
    }
  }

  /** Each table with segments left to load exists and takes the spill's columns. */
  private void check(List<TablePlan> pending) {
    Catalog catalog = new Catalog(connection);
    for (TablePlan t : pending) {
      if (!catalog.tableExists(t.target())) {
        throw new TableMismatchException(t.target(), List.of("table does not exist (create it, or pass --create-tables"
            + " to create every table from the spill's manifest)"));
      }
      catalog.checkColumns(t.target(), TableDefs.columns(t.table()));
    }
  }

  /** Runs the Citus statements, in order, naming the one that failed. */
  private void distribute(List<String> statements) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String sql : statements) {
        try {
          s.execute(sql);
        } catch (SQLException e) {
          throw new SQLException("with " + sql + ": " + SqlErrors.describe(e), (String) null, e);
        }
      }
    }
  }

  /**
   * The schema only when missing (Postgres checks CREATE on the database even for an existing
   * schema's {@code IF NOT EXISTS}), then every missing table, bare, with its pending keys
   * recorded, in one transaction.
   *
   * @return the manifest names of the tables created
   */
  private Set<String> createTables(LoadPlan plan, boolean keysInline, boolean citus) throws SQLException {
    String current = "a lookup of schema " + Identifiers.quote(plan.schema());
    Set<String> created = new HashSet<>();
    try {
      List<DeferrableObject> afterData = new ArrayList<>();
      try (Statement s = connection.createStatement()) {
        boolean newSchema = !schemaExists(plan.schema()); // then no table exists yet: no lookups
        if (newSchema) {
          current = Ddl.createSchemaIfNotExists(plan.schema());
          s.execute(current);
        }
        Catalog catalog = new Catalog(connection);
        Set<String> usedNames = new HashSet<>();
        for (TableDef t : TableDefs.of(plan)) {
          if (!newSchema && catalog.tableExists(t.name())) {
            continue;
          }
          current = Ddl.createBareTable(t, keysInline);
          s.execute(current);
          created.add(t.name().name());
          for (DeferrableObject o : Ddl.afterData(t, keysInline, usedNames)) {
            if (!citus || !CitusTables.undeclared(plan.manifest().table(t.name().name()).orElseThrow(), o)) {
              afterData.add(o);
            }
          }
        }
      }
      deferred.recordAfterData(connection, plan.spillId(), afterData);
      return created;
    } catch (SQLException e) {
      throw new SQLException("with " + current + ": " + SqlErrors.describe(e), (String) null, e); // describe has the state
    }
  }

  private boolean schemaExists(String schema) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private void rollback(Exception primary) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }
}
