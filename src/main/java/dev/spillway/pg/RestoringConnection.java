package dev.spillway.pg;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A caller's pooled connection whose {@code close()} first sets its {@code ApplicationName} back to
 * what it was when spillway took it, then closes (returns it to the pool). A restore that fails (the
 * connection is broken) does not keep it from being closed: the failure is added to the close's
 * failure, or thrown after a clean close. Every other call goes straight to the connection.
 */
final class RestoringConnection {
  private RestoringConnection() {}

  static Connection wrap(Connection c, String previousApplicationName) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            close(c, previousApplicationName);
            return null;
          }
          try {
            return method.invoke(c, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static void close(Connection c, String previousApplicationName) throws SQLException {
    SQLException restoring = null;
    try {
      if (!c.isClosed()) {
        c.setClientInfo("ApplicationName", previousApplicationName);
      }
    } catch (SQLException e) {
      restoring = e;
    }
    try {
      c.close();
    } catch (SQLException e) {
      if (restoring != null) {
        e.addSuppressed(restoring);
      }
      throw e;
    }
    if (restoring != null) {
      throw restoring;
    }
  }
}
