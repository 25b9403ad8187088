package dev.spillway.pg;

import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds pg's own factories for the test server, through the same resolution users get. */
final class TestConnections {
  private TestConnections() {}

  static ConnectionFactory factory(TestDatabase db) {
    return factory(db, db.user());
  }

  /** A factory connecting as {@code role} (the test server trusts local TCP connections). */
  static ConnectionFactory factory(TestDatabase db, String role) {
    Map<String, String> env = new HashMap<>();
    env.put("PGUSER", role);
    if (db.password() != null && !db.password().isEmpty() && role.equals(db.user())) {
      env.put("PGPASSWORD", db.password());
    }
    return new ConnectionFactory(ConnectionOptions.resolve(db.jdbcUrl(), ClientEnvironment.of(env, "nobody")));
  }

  static String uniqueName(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static String queryOne(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
