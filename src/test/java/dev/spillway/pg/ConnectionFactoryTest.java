package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class ConnectionFactoryTest {
  private static Map<String, String> env(TestDatabase db, String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("PGUSER", db.user());
    if (!db.password().isEmpty()) {
      env.put("PGPASSWORD", db.password());
    }
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private static String[] whoAmI(ConnectionFactory f) throws SQLException {
    try (Connection c = f.open()) {
      return new String[] {
          TestConnections.queryOne(c, "SELECT current_user"),
          TestConnections.queryOne(c, "SELECT current_database()"),
          TestConnections.queryOne(c, "SELECT current_setting('application_name')")};
    }
  }

  @Test
  void environmentOnly(TestDatabase db) throws Exception {
    ConnectionOptions o = ConnectionOptions.resolve(null, ClientEnvironment.of(
        env(db, "PGHOST", "127.0.0.1", "PGPORT", "5432", "PGDATABASE", "test"), "nobody"));
    String[] who = whoAmI(new ConnectionFactory(o));
    assertEquals(db.user(), who[0]);
    assertEquals("test", who[1]);
    assertEquals("spillway", who[2]);
  }

  @Test
  void postgresqlUriWithPercentEncodedApplicationName(TestDatabase db) throws Exception {
    ConnectionOptions o = ConnectionOptions.resolve(
        "postgresql://" + db.user() + "@127.0.0.1:5432/test?application_name=spill%20app%2Fone%26two",
        ClientEnvironment.of(env(db), "nobody"));
    // (the server keeps application_name ASCII, so no unicode here)
    assertEquals("spill app/one&two", whoAmI(new ConnectionFactory(o))[2]);
  }

  @Test
  void jdbcUrlWithPassThroughPropertyAndFallbackHost(TestDatabase db) throws Exception {
    ConnectionOptions o = ConnectionOptions.resolve(
        "jdbc:postgresql://127.0.0.1:1,127.0.0.1:5432/test?ApplicationName=jdbc-app&defaultRowFetchSize=17&connectTimeout=3",
        ClientEnvironment.of(env(db), "nobody"));
    try (Connection c = new ConnectionFactory(o).open()) {
      assertEquals("jdbc-app", TestConnections.queryOne(c, "SELECT current_setting('application_name')"));
      assertEquals(17, c.createStatement().getFetchSize(), "pass-through property reached pgjdbc");
    }
  }

  @Test
  void databaseNameNeedingEncodingReachesTheServerExactly(TestDatabase db) throws Exception {
    String name = TestConnections.uniqueName("spill way+db ü%2F ");
    try (Connection admin = db.connectAdmin()) {
      TestConnections.execute(admin, "CREATE DATABASE " + Identifiers.quote(name));
    }
    try {
      ConnectionOptions o = ConnectionOptions.resolve(null,
          ClientEnvironment.of(env(db, "PGHOST", "127.0.0.1", "PGDATABASE", name), "nobody"));
      assertEquals(name, whoAmI(new ConnectionFactory(o))[1]);
    } finally {
      try (Connection admin = db.connectAdmin()) {
        TestConnections.execute(admin, "DROP DATABASE " + Identifiers.quote(name));
      }
    }
  }

  @Test
  void failedLoginNamesEverythingButThePassword(TestDatabase db) {
    String password = "Sup3r$ecret!pw";
    ConnectionOptions o = ConnectionOptions.resolve(
        "postgresql://no_such_role_x:Sup3r%24ecret%21pw@127.0.0.1:5432/test", ClientEnvironment.of(Map.of(), "nobody"));
    PgConnectException e = assertThrows(PgConnectException.class, () -> new ConnectionFactory(o).open());
    String message = e.getMessage();
    assertTrue(message.contains("127.0.0.1:5432"), message);
    assertTrue(message.contains("database \"test\""), message);
    assertTrue(message.contains("user \"no_such_role_x\""), message);
    assertTrue(message.contains("SQLState 28000"), message);
    assertTrue(message.contains("password from the connection URL"), message);
    assertEquals(Optional.of("28000"), e.sqlState());
    assertInstanceOf(SQLException.class, e.getCause());
    assertEquals("no_such_role_x", e.user());
    assertEquals("test", e.database());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(password), trace.toString());
    assertFalse(trace.toString().contains("Sup3r%24ecret%21pw"));
    assertFalse(o.toString().contains(password));
  }

  @Test
  void refusedConnectionNamesHostPortAndState() {
    ConnectionOptions o = ConnectionOptions.resolve("postgresql://someone:pw12345@127.0.0.1:1/db1",
        ClientEnvironment.of(Map.of(), "nobody"));
    PgConnectException e = assertThrows(PgConnectException.class, () -> new ConnectionFactory(o).open());
    assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at 127.0.0.1:1 database \"db1\" as user \"someone\""),
        e.getMessage());
    assertEquals(Optional.of("08001"), e.sqlState());
    assertFalse(e.getMessage().contains("pw12345"));
  }

  @Test
  void driverMessageContainingThePasswordIsMasked() {
    // A driver stand-in that echoes its properties, as a careless driver might.
    ConnectionOptions o = ConnectionOptions.resolve("postgresql://u:EchoedSecret9@h/db", ClientEnvironment.of(Map.of(), "n"));
    java.sql.Driver echoing = new org.postgresql.Driver() {
      @Override
      public Connection connect(String url, java.util.Properties info) throws SQLException {
        throw new SQLException("refused with properties " + info, "08006");
      }
    };
    PgConnectException e = assertThrows(PgConnectException.class, () -> new ConnectionFactory(o, echoing).open());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains("EchoedSecret9"), trace.toString());
    assertTrue(e.getMessage().contains("********"), e.getMessage());
    assertEquals(Optional.of("08006"), e.sqlState());
  }
}
