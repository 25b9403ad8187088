package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Streams the ids and natural keys already in a target table, for seeding stage one's id maps
 * before an incremental load ("Existing databases" in issue 3). Rows come through a server-side
 * cursor {@code fetchRows} at a time, so the heap stays flat whatever the table size. Key parts are
 * the server's text output of each column ({@code col::text}), NULL as null.
 */
public final class ExistingKeys {
  /** Receives one row at a time; may throw to stop the scan. */
  @FunctionalInterface
  public interface Sink {
    /**
     * @param id       the row's id, empty when the scan has no id column
     * @param keyParts the key columns' text values in key order, null for SQL NULL
     */
    void accept(OptionalLong id, List<String> keyParts);
  }

  private final Connection connection;
  /** Rows per round trip of the cursor. */
  private final int fetchRows;

  public ExistingKeys(Connection connection, int fetchRows) {
    checkArgument(fetchRows > 0, "fetchRows <= 0: %s", fetchRows);
    this.connection = connection;
    this.fetchRows = fetchRows;
  }

  /**
   * Scans the table in one read-only transaction of its own (call with no transaction open).
   *
   * @return the number of rows passed to the sink
   */
  public long scan(QualifiedName table, Optional<String> idColumn, List<String> keyColumns, Sink sink) {
    checkArgument(!keyColumns.isEmpty() || idColumn.isPresent(), "nothing to scan in %s: no id and no key columns", table);
    List<String> selected = new ArrayList<>();
    idColumn.ifPresent(id -> selected.add(Identifiers.quote(id)));
    keyColumns.forEach(k -> selected.add(Identifiers.quote(k) + "::text"));
    String sql = "SELECT " + String.join(", ", selected) + " FROM " + table.sql();
    try {
      boolean readOnly = connection.isReadOnly();
      connection.setReadOnly(true);
      try {
        return Jdbc.inTransaction(connection, () -> {
          try (Statement s = connection.createStatement()) {
            s.setFetchSize(fetchRows);
            long rows = 0;
            try (ResultSet rs = s.executeQuery(sql)) {
              int first = idColumn.isPresent() ? 2 : 1;
              while (rs.next()) {
                OptionalLong id = idColumn.isPresent() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                String[] key = new String[keyColumns.size()];
                for (int i = 0; i < key.length; i++) {
                  key[i] = rs.getString(first + i);
                }
                sink.accept(id, Arrays.asList(key));
                rows++;
              }
            }
            return rows;
          }
        });
      } finally {
        connection.setReadOnly(readOnly);
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading the existing keys of " + table, e);
    }
  }
}
