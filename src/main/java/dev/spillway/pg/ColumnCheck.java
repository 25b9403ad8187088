package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a target table can take a spill's rows: the table exists, each expected column exists
 * with the same type (or a domain over it, or {@code text} for a spill's {@code varchar}: the one
 * safe widening binary COPY takes as it is; type modifiers such as a varchar length are the server's
 * to enforce), none is generated, and every column left out can be left out (it has a default or
 * allows NULL). Column order does not matter (COPY names its columns). Type names are resolved by
 * the server ({@code to_regtype}), so {@code int8} matches {@code bigint}.
 */
final class ColumnCheck {
  private final Connection connection;
  private final Catalog catalog;

  ColumnCheck(Connection connection, Catalog catalog) {
    this.connection = connection;
    this.catalog = catalog;
  }

  /** @throws TableMismatchException listing every problem, each naming table and column */
  void check(QualifiedName table, List<ColumnDef> expected) {
    if (!catalog.tableExists(table)) {
      throw new TableMismatchException(table, List.of("table does not exist"));
    }
    Map<String, ColumnInfo> byName = new LinkedHashMap<>(); // table order, for stable messages
    catalog.columns(table).forEach(c -> byName.put(c.name(), c));
    List<String> problems = new ArrayList<>();
    Set<String> expectedNames = new HashSet<>();
    for (ColumnDef e : expected) {
      expectedNames.add(e.name());
      ColumnInfo actual = byName.get(e.name());
      if (actual == null) {
        problems.add("column " + Identifiers.quote(e.name()) + " is missing (the spill has it as " + e.sqlType() + ")");
        continue;
      }
      if (actual.generated()) {
        problems.add("column " + Identifiers.quote(e.name()) + " is a generated column and cannot be loaded");
      }
      Optional<ResolvedType> type = resolveType(e.sqlType());
      if (type.isEmpty()) {
        problems.add("column " + Identifiers.quote(e.name()) + ": the spill's type " + e.sqlType() + " is unknown to the server");
      } else if (type.get().oid() != actual.typeOid() && type.get().oid() != actual.baseTypeOid()
          && !widening(type.get().oid(), actual.typeOid())) {
        problems.add("column " + Identifiers.quote(e.name()) + ": the spill has type " + type.get().name()
            + ", the table has " + actual.type());
      }
    }
    for (ColumnInfo c : byName.values()) {
      if (!expectedNames.contains(c.name()) && c.requiresValue()) {
        problems.add("column " + Identifiers.quote(c.name()) + " is NOT NULL without a default and the spill has no values for it");
      }
    }
    if (!problems.isEmpty()) {
      throw new TableMismatchException(table, problems);
    }
  }

  /** pg_type oids of the types a safe widening involves. */
  private static final long TEXT_OID = 25;
  private static final long VARCHAR_OID = 1043;

  /**
   * A spill type the table's type takes as it is, byte for byte in binary COPY, without losing
   * anything: {@code varchar(n)} into {@code text} (the other way, text into varchar(n), could cut
   * values and is refused). Widenings that change the binary format (smallint into integer) are
   * refused: binary COPY would reject the rows.
   */
  private static boolean widening(long spillTypeOid, long tableTypeOid) {
    return spillTypeOid == VARCHAR_OID && tableTypeOid == TEXT_OID;
  }

  /** A type name as the server resolves it. */
  private record ResolvedType(long oid, String name) {}

  /** {@code to_regtype}, under a savepoint when inside a transaction (a syntax error must not abort it). */
  private Optional<ResolvedType> resolveType(String sqlType) {
    Savepoint savepoint = null;
    try {
      if (!connection.getAutoCommit()) {
        savepoint = connection.setSavepoint();
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT to_regtype(?)::oid::bigint, format_type(to_regtype(?), NULL)")) {
        ps.setString(1, sqlType);
        ps.setString(2, sqlType);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long oid = rs.getLong(1);
          return rs.wasNull() ? Optional.empty() : Optional.of(new ResolvedType(oid, rs.getString(2)));
        }
      } catch (SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (!state.startsWith("42") && !state.startsWith("22") && !state.startsWith("3F")) {
          throw e; // not a complaint about the name: a real failure
        }
        if (savepoint != null) {
          connection.rollback(savepoint);
          savepoint = null;
        }
        return Optional.empty(); // not a type name at all
      } finally {
        if (savepoint != null) {
          connection.releaseSavepoint(savepoint);
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("resolving type " + sqlType, e);
    }
  }
}
