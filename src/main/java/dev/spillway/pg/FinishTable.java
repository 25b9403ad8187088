package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads and writes {@code table_finish} (see {@link ControlSchema}): which target tables of a spill
 * were finished (deferred objects restored, sequences moved, ANALYZE run). A crash between a
 * table's last segment commit and its finish leaves no row, and the next load finishes it.
 * Immutable and thread-safe (the connections are not).
 */
public final class FinishTable {
  private final QualifiedName table;

  public FinishTable(ControlSchema schema) {
    this.table = schema.finishTable();
  }

  /** Whether the spill's load finished the target table. */
  public boolean finished(Connection c, String spillId, QualifiedName target) {
    String sql = "SELECT EXISTS (SELECT 1 FROM " + table.sql() + " WHERE spill_id = ? AND table_name = ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, spillId, target.sql());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading whether " + target + " was finished for spill " + spillId + " from " + table, e);
    }
  }

  /** Records the target table finished for the spill (autocommit); a repeat is a no-op. */
  public void record(Connection c, String spillId, QualifiedName target) {
    String sql = "INSERT INTO " + table.sql() + " (spill_id, table_name) VALUES (?, ?) ON CONFLICT DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, spillId, target.sql());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.wrap("recording " + target + " finished for spill " + spillId + " in " + table, e);
    }
  }
}
