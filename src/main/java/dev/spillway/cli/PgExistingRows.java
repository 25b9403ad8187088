package dev.spillway.cli;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ExistingKeys;
import dev.spillway.pg.QualifiedName;
import dev.spillway.plan.TableSpec;
import dev.spillway.spill.ExistingRows;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@link ExistingRows} over the target database ({@code --url}): each table's id and key columns
 * streamed by {@link ExistingKeys} through a server-side cursor, on a connection of its own that
 * is closed right after (seeding happens once, before any input is read). A table that does not
 * exist yet has no rows.
 */
final class PgExistingRows implements ExistingRows {
  /** Rows per cursor round trip. */
  static final int FETCH_ROWS = 10_000;

  private final ConnectionFactory connections;

  PgExistingRows(ConnectionFactory connections) {
    this.connections = connections;
  }

  @Override
  public long scan(String schema, TableSpec table, Sink sink) {
    QualifiedName name = QualifiedName.of(schema, table.name());
    try (Connection connection = connections.open()) {
      if (!new Catalog(connection).tableExists(name)) {
        return 0;
      }
      return new ExistingKeys(connection, FETCH_ROWS).scan(name, table.idColumn(), table.key(), sink::row);
    } catch (SQLException e) {
      throw new IllegalStateException("closing the connection after reading " + name + ": " + e.getMessage(), e);
    }
  }
}
