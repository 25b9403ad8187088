package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code segment_progress} (see {@link ControlSchema}). {@link #insert} runs in the
 * caller's transaction, the same one as the segment's COPY, so the row exists exactly when the
 * segment's rows do. Immutable and thread-safe (the connections are not).
 */
public final class ProgressTable {
  private final QualifiedName table;

  public ProgressTable(ControlSchema schema) {
    this.table = schema.progressTable();
  }

  /** Records the segment, in the caller's (the COPY's) transaction. A second insert of the same segment fails. */
  public void insert(Connection c, SegmentLoad s) {
    String sql = "INSERT INTO " + table.sql()
        + " (spill_id, table_name, segment_seq, crc32c, row_count, byte_count) VALUES (?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, s.spillId(), s.tableName(), s.segmentSeq(), s.crc32c(), s.rowCount(), s.byteCount());
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
