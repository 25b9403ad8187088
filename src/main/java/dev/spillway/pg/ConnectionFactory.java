package dev.spillway.pg;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;

/**
 * Opens connections with one set of {@link ConnectionOptions}. The password travels to pgjdbc in
 * {@link java.util.Properties}, never in the URL, so no driver message can echo it. Every failure is
 * a {@link PgConnectException} naming hosts, database, user and SQLState. Thread-safe; holds no
 * connection itself.
 */
public final class ConnectionFactory {
  private final ConnectionOptions options;
  private final Driver driver;

  public ConnectionFactory(ConnectionOptions options) {
    this(options, new org.postgresql.Driver());
  }

  public ConnectionFactory(ConnectionOptions options, Driver driver) {
    this.options = options;
    this.driver = driver;
  }

  public ConnectionOptions options() {
    return options;
  }

  /** A new connection in autocommit mode; the caller closes it. */
  public Connection open() {
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

  /** A factory for the same server whose connections report {@code applicationName}. */
  public ConnectionFactory withApplicationName(String applicationName) {
    return new ConnectionFactory(options.withApplicationName(applicationName), driver);
  }

  /** A factory for the same server whose connections fail after {@code stallTimeout} without a byte moving. */
  public ConnectionFactory withStallTimeout(java.time.Duration stallTimeout) {
    return new ConnectionFactory(options.withStallTimeout(stallTimeout), driver);
  }

  @Override
  public String toString() {
    return "ConnectionFactory[" + options + "]";
  }
}
