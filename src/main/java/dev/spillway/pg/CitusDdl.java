package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The statements that make a table a Citus distributed or reference table, and whether the
 * server has the {@code citus} extension. Table names go in as string literals of their quoted
 * qualified names ({@code '"s"."t"'}, which Citus casts to regclass), the distribution column as a
 * literal of its exact name ({@link SqlLiteral}: safe with standard_conforming_strings off too). Stateless.
 */
public final class CitusDdl {
  private CitusDdl() {}

  /** Whether the connected database has the {@code citus} extension installed. */
  public static boolean available(Connection c) {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw SqlErrors.wrap("looking for the citus extension", e);
    }
  }

  /** {@code SELECT create_reference_table('"s"."t"')}: a full copy of the table on every node. */
  public static String createReferenceTable(QualifiedName table) {
    return "SELECT create_reference_table(" + literal(table.sql()) + ")";
  }

  /**
   * {@code SELECT create_distributed_table('"s"."t"', 'column'[, colocate_with => '"s"."p"'])}: the
   * table hash-distributed on {@code column}, its shards placed with those of {@code colocateWith}.
   */
  public static String createDistributedTable(QualifiedName table, String column, Optional<QualifiedName> colocateWith) {
    return "SELECT create_distributed_table(" + literal(table.sql()) + ", " + literal(column)
        + colocateWith.map(p -> ", colocate_with => " + literal(p.sql())).orElse("") + ")";
  }

  /** A literal safe whatever standard_conforming_strings is ({@link SqlLiteral}). */
  private static String literal(String value) {
    return SqlLiteral.of(value);
  }
}
