package dev.spillway.api;

import dev.spillway.pg.Ddl;
import dev.spillway.pgbinary.ByteSink;
import dev.spillway.segment.IoErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Sends rows into a live table's staging table with binary COPY, the stream format of a spill
 * segment: the 11-byte signature {@code PGCOPY\n\377\r\n\0}, int32 flags 0, int32 header extension
 * length 0, one tuple per row ({@link dev.spillway.pgbinary.TupleEncoder}: the table's codecs),
 * int16 -1. The stage is created on first use in the transaction ({@code ON COMMIT DROP}) and
 * truncated before each batch. Stateless.
 */
final class StageCopy {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

  private StageCopy() {}

  /** Empties (or creates) the stage of {@code table} and copies {@code rows} into it; returns the rows copied. */
  static long copy(Connection c, LiveTable table, List<Object[]> rows) throws SQLException {
    if (table.staged) {
      try (Statement s = c.createStatement()) {
        s.execute("TRUNCATE " + table.merge.stage().sql());
      }
    } else {
      table.merge.createStage(c, table.mergeTarget);
      table.staged = true;
    }
    ByteSink sink = new ByteSink();
    sink.write(SIGNATURE).writeInt(0).writeInt(0);
    for (Object[] row : rows) {
      table.encoder.encode(row, sink);
    }
    sink.writeShort(-1);
    String sql = Ddl.copyFromStdinBinary(table.merge.stage(), table.spec.columnNames());
    try {
      return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(sink.array(), 0, sink.size()));
    } catch (IOException e) {
      throw new SQLException("copying " + rows.size() + " rows into the stage of " + table.target + ": " + IoErrors.describe(e), e);
    }
  }
}
