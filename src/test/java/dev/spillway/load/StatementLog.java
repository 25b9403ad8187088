package dev.spillway.load;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Test fixture: a connection that appends the SQL of every statement it executes to a list (one
 * entry per round trip of a plain or prepared statement; commit and rollback are not listed).
 */
final class StatementLog {
  private StatementLog() {}

  static Connection of(Connection c, List<String> executed) {
    return proxy(Connection.class, c, (method, args, result) -> {
      if (method.getName().equals("createStatement") && result instanceof Statement s) {
        return proxy(Statement.class, s, (m, a, r) -> {
          if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) {
            executed.add(sql);
          }
          return r;
        });
      }
      if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement ps) {
        String sql = (String) args[0];
        return proxy(PreparedStatement.class, ps, (m, a, r) -> {
          if (m.getName().startsWith("execute")) {
            executed.add(sql);
          }
          return r;
        });
      }
      return result;
    });
  }

  /** What to return for a call, given the delegate's result (after the call ran). */
  private interface After {
    Object apply(Method method, Object[] args, Object result);
  }

  private static <T> T proxy(Class<T> type, T delegate, After after) {
    InvocationHandler h = (p, method, args) -> {
      Object result;
      try {
        result = method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      return after.apply(method, args, result);
    };
    return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, h));
  }
}
