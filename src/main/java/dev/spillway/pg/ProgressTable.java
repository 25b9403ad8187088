package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads and writes {@code segment_progress} (see {@link ControlSchema}). {@link #insert} runs in the
 * caller's transaction, the same one as the segment's COPY, so the row exists exactly when the
 * segment's rows do. Immutable and thread-safe (the connections are not).
 */
public final class ProgressTable {
  private final QualifiedName table;
  /** The control schema's table_finish, cleared with a table's progress by {@link #resetSql}. */
  private final QualifiedName finish;

  public ProgressTable(ControlSchema schema) {
    this.table = schema.progressTable();
    this.finish = schema.finishTable();
  }

  /**
   * Records the segment, in the caller's (the COPY's) transaction, with the target table's
   * identity ({@code pg_class} oid of {@code table_name}, so a table dropped and created again is
   * told from the one loaded) and its storage ({@code pg_relation_filenode}, so a TRUNCATE since is
   * noticed: {@link TargetChecks}). A second insert of the same segment fails.
   */
  public void insert(Connection c, SegmentLoad s) {
    String sql = "INSERT INTO " + table.sql()
        + " (spill_id, table_name, segment_seq, crc32c, row_count, byte_count, table_oid, table_filenode)"
        + " VALUES (?, ?, ?, ?, ?, ?, to_regclass(?)::oid, pg_catalog.pg_relation_filenode(to_regclass(?)))";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, s.spillId(), s.tableName(), s.segmentSeq(), s.crc32c(), s.rowCount(), s.byteCount(), s.tableName(),
          s.tableName());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.wrap("recording " + s.describe() + " in " + table, e);
    }
  }

  /** The progress row of one segment, if it was committed. */
  public Optional<ProgressRow> find(Connection c, String spillId, String tableName, long segmentSeq) {
    List<ProgressRow> rows = select(c, " WHERE spill_id = ? AND table_name = ? AND segment_seq = ?",
        "reading the progress of segment " + segmentSeq + " of " + tableName, spillId, tableName, segmentSeq);
    return rows.stream().findFirst();
  }

  /** Every committed segment of the spill, by table name then sequence. */
  public List<ProgressRow> list(Connection c, String spillId) {
    return select(c, " WHERE spill_id = ? ORDER BY table_name, segment_seq", "reading the progress of spill " + spillId, spillId);
  }

  /**
   * Per target table, the spill's committed segments and their rows, by table name; empty when
   * the progress table does not exist (nothing was ever loaded with this control schema).
   */
  public List<ProgressTotal> totals(Connection c, String spillId) {
    String sql = "SELECT table_name, count(*), sum(row_count) FROM " + table.sql()
        + " WHERE spill_id = ? GROUP BY table_name ORDER BY table_name";
    try {
      if (!new Catalog(c).tableExists(table)) {
        return List.of();
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Jdbc.bind(ps, spillId);
        List<ProgressTotal> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new ProgressTotal(rs.getString(1), rs.getLong(2), rs.getLong(3)));
          }
        }
        return out;
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("summing the progress of spill " + spillId + " from " + table, e);
    }
  }

  /**
   * The spill's progress rows whose target table is no longer the table they were loaded into:
   * dropped, or dropped and created again (another oid). Rows recorded without an oid (by an older
   * spillway) are not checked. One entry per table.
   */
  public List<StaleProgress> stale(Connection c, String spillId) {
    String sql = "SELECT table_name, min(table_oid::bigint), to_regclass(table_name)::oid::bigint, count(*), sum(row_count)"
        + " FROM " + table.sql() + " WHERE spill_id = ? AND table_oid IS NOT NULL"
        + " AND table_oid IS DISTINCT FROM to_regclass(table_name)::oid GROUP BY table_name ORDER BY table_name";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, spillId);
      List<StaleProgress> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long now = rs.getLong(3);
          OptionalLong current = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(now);
          out.add(new StaleProgress(rs.getString(1), rs.getLong(2), current, rs.getLong(4), rs.getLong(5), false));
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlErrors.wrap("checking the target tables of spill " + spillId + " against " + table, e);
    }
  }

  /**
   * The statements (two, joined by {@code "; "}) that forget the spill's progress on one table and
   * its finished mark ({@code table_finish}), so that the next load loads it all again and finishes
   * it (ANALYZE) again, a shared one too.
   */
  public String resetSql(String spillId, String tableName) {
    String where = " WHERE spill_id = " + literal(spillId) + " AND table_name = " + literal(tableName);
    return "DELETE FROM " + table.sql() + where + "; DELETE FROM " + finish.sql() + where;
  }

  /** A literal safe whatever standard_conforming_strings is ({@link SqlLiteral}). */
  private static String literal(String value) {
    return SqlLiteral.of(value);
  }

  private List<ProgressRow> select(Connection c, String where, String operation, Object... params) {
    String sql = "SELECT spill_id, table_name, segment_seq, crc32c, row_count, byte_count, loaded_at FROM " + table.sql() + where;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, params);
      List<ProgressRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new ProgressRow(new SegmentLoad(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
              rs.getLong(5), rs.getLong(6)), rs.getTimestamp(7).toInstant()));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw SqlErrors.wrap(operation + " from " + table, e);
    }
  }
}
