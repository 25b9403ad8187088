package dev.spillway.load;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/** pgjdbc's driver, counting the connections it opens (for tests of when a load connects). Thread-safe. */
final class CountingDriver implements Driver {
  private final Driver pg = new org.postgresql.Driver();
  /** Connections opened so far. */
  private final AtomicInteger opened = new AtomicInteger();

  int opened() {
    return opened.get();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    Connection c = pg.connect(url, info);
    if (c != null) {
      opened.incrementAndGet();
    }
    return c;
  }

  @Override
  public boolean acceptsURL(String url) throws SQLException {
    return pg.acceptsURL(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return pg.getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return pg.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return pg.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return pg.jdbcCompliant();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pg.getParentLogger();
  }
}
