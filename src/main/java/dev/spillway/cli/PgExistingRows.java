package dev.spillway.cli;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ExistingKeys;
import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.SqlErrors;
import dev.spillway.plan.TableSpec;
import dev.spillway.spill.ExistingRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * {@link ExistingRows} over the target database ({@code --url}): each table's id and key columns
 * streamed by {@link ExistingKeys} through a server-side cursor, or only {@code max(id)} by
 * {@link Catalog#maxValue}, on a connection of its own that is closed right after (seeding happens
 * once, before any input is read). A table that does not exist yet has no rows.
 *
 * <p>Each step fails with its own message: connecting ({@code PgConnectException}), looking the
 * table up, reading it (the {@code PgException}s of {@link Catalog} and {@link ExistingKeys}), and
 * closing the connection afterwards ({@code closing the connection after reading "s"."t": ...});
 * a failure to close after a failed step is suppressed into that step's exception.
 */
final class PgExistingRows implements ExistingRows {
  /** Rows per cursor round trip. */
  static final int FETCH_ROWS = 10_000;

  private final ConnectionFactory connections;

  PgExistingRows(ConnectionFactory connections) {
    this.connections = connections;
  }

  @Override
  public void checkConnection() {
    withConnection("checking the connection", connection -> null);
  }

  @Override
  public long scan(String schema, TableSpec table, Sink sink) {
    QualifiedName name = QualifiedName.of(schema, table.name());
    return withConnection("reading " + name, connection -> new Catalog(connection).tableExists(name)
        ? new ExistingKeys(connection, FETCH_ROWS).scan(name, table.idColumn(), table.key(), sink::row)
        : 0L);
  }

  @Override
  public OptionalLong maxId(String schema, TableSpec table) {
    QualifiedName name = QualifiedName.of(schema, table.name());
    String idColumn = table.idColumn().orElseThrow(() -> new IllegalArgumentException("table " + name + " has no id column"));
    return withConnection("reading max(" + idColumn + ") of " + name, connection -> {
      Catalog catalog = new Catalog(connection);
      return catalog.tableExists(name) ? catalog.maxValue(name, idColumn) : OptionalLong.empty();
    });
  }

  /** Runs {@code work} on a new connection, then closes it; {@code what} names the work in a close failure. */
  private <T> T withConnection(String what, Function<Connection, T> work) {
    Connection connection = connections.open();
    T result;
    try {
      result = work.apply(connection);
    } catch (RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw SqlErrors.wrap("closing the connection after " + what, e);
    }
    return result;
  }
}
