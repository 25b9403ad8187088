package dev.spillway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A test's own fresh schema on the resolved test server. {@link #connect()} returns a connection
 * whose search_path is that schema; the schema is dropped after the test.
 *
 * @param jdbcUrl  server URL without schema options
 * @param user     role name
 * @param password password, possibly empty (never printed)
 * @param schema   the test's schema name (lower case, no quoting needed)
 */
public record TestDatabase(String jdbcUrl, String user, String password, String schema) {

  /** A connection with {@code search_path} set to this test's schema. */
  public Connection connect() throws SQLException {
    Connection c = connectAdmin();
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
    }
    return c;
  }

  /** A connection with the server's default search_path. */
  public Connection connectAdmin() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** {@code --url} for the CLI: the test URL with the user (no password: the test server trusts TCP, or PGPASSWORD). */
  public String cliUrl() {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + user;
  }

  /** Runs SQL and returns the first column of the first row as text (null when no row). */
  public String queryOne(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  public void execute(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
