package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.ClientEnvironment;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ConnectionOptions;
import dev.spillway.pg.PgConnectException;
import dev.spillway.pg.PgException;
import dev.spillway.plan.ColumnSpec;
import dev.spillway.plan.OnDuplicate;
import dev.spillway.plan.OnExisting;
import dev.spillway.pgbinary.ColumnType;
import dev.spillway.plan.TableSpec;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link PgExistingRows} against Postgres: rows, {@code max(id)}, a missing table, and each step's
 * failure named as that step (regression: every failure was reported as "closing the connection",
 * as an IllegalStateException rather than a database error).
 */
@ExtendWith(PgExtension.class)
class PgExistingRowsTest {
  private static final TableSpec EVENT = new TableSpec("event", List.of(column("id", "bigint"), column("note", "text")),
      Optional.of("id"), List.of(), OnDuplicate.FIRST, OnExisting.SKIP, Map.of());
  private static final TableSpec TAG = new TableSpec("tag", List.of(column("name", "text")), Optional.empty(),
      List.of("name"), OnDuplicate.FIRST, OnExisting.SKIP, Map.of());

  private static ColumnSpec column(String name, String type) {
    return new ColumnSpec(name, ColumnType.parse(type));
  }

  /** Connections to {@code db}; {@code failing} names a Connection method that throws SQLState 08006 instead. */
  private static PgExistingRows rows(TestDatabase db, String failing) {
    ConnectionOptions options = ConnectionOptions.resolve("postgresql://someone@127.0.0.1/test", ClientEnvironment.of(Map.of(), "n"));
    java.sql.Driver driver = new org.postgresql.Driver() {
      @Override
      public Connection connect(String url, Properties info) throws SQLException {
        Connection real = db.connect();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals(failing)) {
                if (failing.equals("close")) {
                  real.close();
                }
                throw new SQLException("connection lost", "08006");
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
      }
    };
    return new PgExistingRows(new ConnectionFactory(options, driver));
  }

  @Test
  void streamsRowsAndReadsTheLargestIdAndAMissingTableHasNone(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE event (id bigint, note text)");
    db.execute("INSERT INTO event VALUES (3, 'a'), (41, 'b'), (7, NULL)");
    db.execute("CREATE TABLE tag (name text)");
    db.execute("INSERT INTO tag VALUES ('x'), (NULL)");
    PgExistingRows existing = rows(db, "none");
    existing.checkConnection();
    assertEquals(OptionalLong.of(41), existing.maxId(db.schema(), EVENT));
    List<List<String>> seen = new ArrayList<>();
    assertEquals(2, existing.scan(db.schema(), TAG, (id, key) -> seen.add(key)));
    assertEquals(2, seen.size());
    db.execute("DROP TABLE event");
    assertEquals(OptionalLong.empty(), existing.maxId(db.schema(), EVENT));
    db.execute("CREATE TABLE event (id bigint, note text)");
    assertEquals(OptionalLong.empty(), existing.maxId(db.schema(), EVENT), "empty table");
  }

  @Test
  void aFailureToCloseIsADatabaseErrorNamingWhatWasRead(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE tag (name text)");
    PgException e = assertThrows(PgException.class, () -> rows(db, "close").scan(db.schema(), TAG, (id, key) -> { }));
    assertEquals("closing the connection after reading \"" + db.schema() + "\".\"tag\": connection lost (SQLState 08006)",
        e.getMessage());
    assertEquals(Optional.of("08006"), e.sqlState());
  }

  @Test
  void aFailureWhileReadingIsNamedAsReadingNotAsClosing(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE tag (name text)");
    PgException e = assertThrows(PgException.class, () -> rows(db, "createStatement").scan(db.schema(), TAG, (id, key) -> { }));
    assertTrue(e.getMessage().startsWith("reading the existing keys of \"" + db.schema() + "\".\"tag\": connection lost"),
        e.getMessage());
    e = assertThrows(PgException.class, () -> rows(db, "prepareStatement").maxId(db.schema(), EVENT));
    assertTrue(e.getMessage().startsWith("looking up table \"" + db.schema() + "\".\"event\": connection lost"), e.getMessage());
  }

  @Test
  void anUnreachableServerFailsTheConnectionCheck() {
    ConnectionOptions options = ConnectionOptions.resolve("postgresql://nobody@127.0.0.1:1/x", ClientEnvironment.of(Map.of(), "n"));
    PgConnectException e = assertThrows(PgConnectException.class,
        () -> new PgExistingRows(new ConnectionFactory(options)).checkConnection());
    assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at 127.0.0.1:1"), e.getMessage());
  }
}
