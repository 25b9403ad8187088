package dev.spillway.pg;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * What the progress table says about the target tables themselves, beyond one spill's own rows:
 * <ul>
 *   <li>{@link #emptied}: a table whose storage ({@code pg_relation_filenode}) changed since the
 *       spill's segments were recorded and that now holds no row: it was emptied by TRUNCATE, and
 *       resuming would skip segments whose rows are gone (a VACUUM FULL or CLUSTER also changes the
 *       storage, but leaves the rows: one {@code SELECT 1 ... LIMIT 1} per such table tells them apart);
 *   <li>{@link #otherSpills}: other spills whose rows are still in a table this spill has not
 *       loaded into yet (their progress rows describe the table's current storage), so loading this
 *       spill would add its rows to theirs;
 *   <li>{@link #truncate}: empties tables, for {@code --replace}, saying how many rows each held.
 * </ul>
 * Table names are the quoted qualified names ({@link QualifiedName#sql()}) of the plan's targets;
 * only those are ever put into SQL text. Immutable and thread-safe.
 */
public final class TargetChecks {
  /**
   * Another spill's segments recorded in a target table.
   *
   * @param spillId      the other spill
   * @param tableName    the target ({@code "schema"."table"})
   * @param segments     its segments recorded as loaded into the table
   * @param rows         rows in them
   * @param lastLoadedAt when the last of them was loaded
   */
  public record OtherSpill(String spillId, String tableName, long segments, long rows, java.time.Instant lastLoadedAt) {}

  private final QualifiedName progress;

  public TargetChecks(ControlSchema control) {
    this.progress = control.progressTable();
  }

  /** The spill's progress on {@code targets} whose table was emptied since (see the class comment). */
  public List<StaleProgress> emptied(Connection c, String spillId, Collection<String> targets) {
    String sql = "SELECT table_name, min(table_oid::bigint), count(*), sum(row_count) FROM " + progress.sql()
        + " WHERE spill_id = ? AND table_name = ANY (?) AND table_filenode IS NOT NULL"
        + " AND table_oid = to_regclass(table_name)::oid"
        + " AND table_filenode IS DISTINCT FROM pg_catalog.pg_relation_filenode(to_regclass(table_name))"
        + " GROUP BY table_name HAVING sum(row_count) > 0 ORDER BY table_name";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, spillId);
      ps.setArray(2, textArray(c, targets));
      List<StaleProgress> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String table = rs.getString(1);
          if (targets.contains(table) && isEmpty(c, table)) {
            out.add(new StaleProgress(table, rs.getLong(2), OptionalLong.of(rs.getLong(2)), rs.getLong(3), rs.getLong(4),
                true));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlErrors.wrap("checking whether the target tables of spill " + spillId + " were emptied since they were"
          + " loaded", e);
    }
  }

  /**
   * Other spills' segments still present in those of {@code targets} this spill has no progress
   * row in: recorded against the table's current oid and storage (or by an older spillway, without
   * them), in a table that is not empty. One entry per other spill and table.
   */
  public List<OtherSpill> otherSpills(Connection c, String spillId, Collection<String> targets) {
    String sql = "SELECT p.spill_id, p.table_name, count(*), sum(p.row_count), max(p.loaded_at) FROM " + progress.sql()
        + " p WHERE p.spill_id <> ? AND p.table_name = ANY (?)"
        + " AND (p.table_oid IS NULL OR p.table_oid = to_regclass(p.table_name)::oid)"
        + " AND (p.table_filenode IS NULL"
        + " OR p.table_filenode = pg_catalog.pg_relation_filenode(to_regclass(p.table_name)))"
        + " AND NOT EXISTS (SELECT 1 FROM " + progress.sql() + " q WHERE q.spill_id = ? AND q.table_name = p.table_name)"
        + " GROUP BY p.spill_id, p.table_name ORDER BY max(p.loaded_at) DESC, p.table_name";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, spillId);
      ps.setArray(2, textArray(c, targets));
      ps.setString(3, spillId);
      List<OtherSpill> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String table = rs.getString(2);
          if (targets.contains(table) && !isEmpty(c, table)) {
            out.add(new OtherSpill(rs.getString(1), table, rs.getLong(3), rs.getLong(4), rs.getTimestamp(5).toInstant()));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlErrors.wrap("checking which other spills loaded into the target tables of spill " + spillId, e);
    }
  }

  /**
   * Rows a {@link #truncate} removed from one table: exact up to {@link #COUNT_LIMIT}, beyond it
   * {@code COUNT_LIMIT + 1} with {@code more} set (counting stops there: a billion-row table is not
   * read once more just to say how many rows went).
   *
   * @param table the emptied table
   * @param rows  its rows before, or {@code COUNT_LIMIT + 1}
   * @param more  whether it held more than {@link #COUNT_LIMIT} rows
   */
  public record Emptied(QualifiedName table, long rows, boolean more) {}

  /** How many rows {@link #truncate} counts per table at most. */
  public static final long COUNT_LIMIT = 1_000_000;

  /**
   * {@code TRUNCATE} of all {@code tables} in one statement and one transaction (no CASCADE: a
   * table another table references by foreign key must be among them), after locking them and
   * counting each one's rows in that transaction ({@link Emptied}), so the count is what went. In
   * autocommit mode the transaction is committed here; else it is the caller's.
   *
   * @return per table, in order, the rows removed
   */
  public static List<Emptied> truncate(Connection c, List<QualifiedName> tables) {
    if (tables.isEmpty()) {
      return List.of();
    }
    String list = tables.stream().map(QualifiedName::sql).collect(Collectors.joining(", "));
    try {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("LOCK TABLE " + list + " IN ACCESS EXCLUSIVE MODE");
        List<Emptied> out = new ArrayList<>();
        for (QualifiedName t : tables) {
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT FROM " + t.sql() + " LIMIT "
              + (COUNT_LIMIT + 1) + ") r")) {
            rs.next();
            long rows = rs.getLong(1);
            out.add(new Emptied(t, rows, rows > COUNT_LIMIT));
          }
        }
        s.execute("TRUNCATE TABLE " + list);
        if (autoCommit) {
          c.commit();
        }
        return out;
      } catch (SQLException | RuntimeException e) {
        if (autoCommit) {
          c.rollback();
        }
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("emptying " + list + " for --replace", e);
    }
  }

  private static boolean isEmpty(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static Array textArray(Connection c, Collection<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray(new String[0]));
  }
}
