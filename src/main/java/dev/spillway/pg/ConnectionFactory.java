package dev.spillway.pg;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Opens connections with one set of {@link ConnectionOptions}. The password travels to pgjdbc in
 * {@link java.util.Properties}, never in the URL, so no driver message can echo it. Every failure is
 * a {@link PgConnectException} naming hosts, database, user and SQLState. Thread-safe; holds no
 * connection itself.
 *
 * <p>A factory over a caller's {@link DataSource} ({@link #ofDataSource}) takes its connections
 * from it instead, sets each one to autocommit and reports the factory's application_name on it;
 * closing such a connection first puts back the application_name it had (a pool keeps the physical
 * connection and its session settings: left as {@code spillway load <spill id>}, an idle pooled
 * connection would look like a left-over loader of that spill to the next load); its options only describe the server for messages, and its stall timeout is the pool's business
 * (not applied).
 */
public final class ConnectionFactory {
  private final ConnectionOptions options;
  private final Driver driver;
  /** Where connections come from instead of {@link #driver}, when set. */
  private final DataSource dataSource;

  public ConnectionFactory(ConnectionOptions options) {
    this(options, new org.postgresql.Driver());
  }

  public ConnectionFactory(ConnectionOptions options, Driver driver) {
    this(options, driver, null);
  }

  private ConnectionFactory(ConnectionOptions options, Driver driver, DataSource dataSource) {
    this.options = options;
    this.driver = driver;
    this.dataSource = dataSource;
  }

  /**
   * A factory whose connections come from {@code dataSource}. Opens one connection now to learn the
   * server's URL and user, for messages (a URL that cannot be read is described as {@code datasource}).
   */
  public static ConnectionFactory ofDataSource(DataSource dataSource, String applicationName) {
    ConnectionOptions described;
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      String user = md.getUserName() == null || md.getUserName().isEmpty() ? "unknown" : md.getUserName();
      described = describe(md.getURL(), user);
    } catch (SQLException e) {
      throw PgConnectException.of(describe(null, "unknown"), e);
    }
    return new ConnectionFactory(described.withApplicationName(applicationName), null, dataSource);
  }

  private static ConnectionOptions describe(String url, String user) {
    ClientEnvironment none = ClientEnvironment.of(Map.of("PGUSER", user), user);
    try {
      return ConnectionOptions.resolve(url == null ? "postgresql://datasource/datasource" : url, none);
    } catch (RuntimeException e) {
      return ConnectionOptions.resolve("postgresql://datasource/datasource", none);
    }
  }

  public ConnectionOptions options() {
    return options;
  }

  /** A new connection in autocommit mode; the caller closes it. */
  public Connection open() {
    if (dataSource != null) {
      return fromDataSource();
    }
    Connection c;
    try {
      c = driver.connect(options.jdbcUrl(), options.toDriverProperties());
    } catch (SQLException e) {
      throw PgConnectException.of(options, e);
    }
    if (c == null) {
      throw PgConnectException.driverRefused(options);
    }
    return c;
  }

  private Connection fromDataSource() {
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
      String previous = c.getClientInfo("ApplicationName");
      c.setClientInfo("ApplicationName", options.applicationName());
      return RestoringConnection.wrap(c, previous == null ? "" : previous);
    } catch (SQLException e) {
      PgConnectException failure = PgConnectException.of(options, e);
      if (c != null) {
        try {
          c.close();
        } catch (SQLException closing) {
          failure.addSuppressed(closing);
        }
      }
      throw failure;
    }
  }

  /** A factory for the same server whose connections report {@code applicationName}. */
  public ConnectionFactory withApplicationName(String applicationName) {
    return new ConnectionFactory(options.withApplicationName(applicationName), driver, dataSource);
  }

  /** A factory for the same server whose connections fail after {@code stallTimeout} without a byte moving. */
  public ConnectionFactory withStallTimeout(java.time.Duration stallTimeout) {
    return new ConnectionFactory(options.withStallTimeout(stallTimeout), driver, dataSource);
  }

  @Override
  public String toString() {
    return "ConnectionFactory[" + options + "]";
  }
}
