package dev.spillway.load;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.Ddl;
import dev.spillway.pg.Identifiers;
import dev.spillway.pg.SqlErrors;
import dev.spillway.pg.TableMismatchException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares the target tables before any segment is loaded, on the load's control connection:
 * <ol>
 *   <li>{@code --create-tables}: the schema if it is missing, then {@code CREATE TABLE IF NOT EXISTS}
 *       for every table, parents first ({@link Ddl}; every identifier quoted), and the check below,
 *       all in one transaction: a table that fails to be created or cannot take its rows leaves
 *       nothing created;
 *   <li>each table with segments left to load must take the spill's columns
 *       ({@link Catalog#checkColumns}; a mismatch is a {@link dev.spillway.pg.TableMismatchException}).
 * Indexes are deferred per table, just before its first segment ({@link TableStart}).
 * </ol>
 * Not thread-safe (uses one connection, autocommit on entry and on return).
 */
final class TableSetup {
  private final Connection connection;
  TableSetup(Connection connection) {
    this.connection = connection;
  }

  /** @param pending the tables with segments left to load */
  void prepare(LoadPlan plan, List<TablePlan> pending, LoadOptions options) {
    if (!options.createTables()) {
      check(pending);
      return;
    }
    try {
      connection.setAutoCommit(false);
      createTables(plan);
      check(pending); // in the same transaction: a table that cannot take its rows undoes every CREATE
      connection.commit();
    } catch (SQLException e) {
      rollback(e);
      throw SqlErrors.wrap("creating the target tables (--create-tables)", e);
    } catch (RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
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

  /**
   * The schema only when missing (Postgres checks CREATE on the database even for an existing
   * schema's {@code IF NOT EXISTS}), then every table, parents first, in one transaction.
   */
  private void createTables(LoadPlan plan) throws SQLException {
    String current = "a lookup of schema " + Identifiers.quote(plan.schema());
    try {
      List<String> statements = new ArrayList<>();
      if (!schemaExists(plan.schema())) {
        statements.add(Ddl.createSchemaIfNotExists(plan.schema()));
      }
      TableDefs.of(plan).forEach(t -> statements.add(Ddl.createTableIfNotExists(t)));
      try (Statement s = connection.createStatement()) {
        for (String sql : statements) {
          current = sql;
          s.execute(sql);
        }
      }
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

  private void rollback(SQLException primary) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }
}
