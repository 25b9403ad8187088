package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first failure wins: clean-up failures are suppressed into it, never thrown instead of it. */
@ExtendWith(PgExtension.class)
class JdbcTest {
  @Test
  void aFailureInsideACatalogSearchPathIsNotMaskedByRestoringTheSearchPath(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      SQLException e = assertThrows(SQLException.class,
          () -> Jdbc.withCatalogSearchPath(c, () -> TestConnections.queryOne(c, "SELECT (1/0)::text")));
      assertEquals("22012", e.getSQLState(), "the division by zero, not the aborted transaction");
      assertTrue(Arrays.stream(e.getSuppressed()).anyMatch(s -> s instanceof SQLException q && "25P02".equals(q.getSQLState())),
          "the failed restore is kept as suppressed");
      c.rollback();
      assertTrue(!TestConnections.queryOne(c, "SELECT current_setting('search_path')").equals("pg_catalog"),
          "the rollback restored the search_path");
    }
  }

  @Test
  void aFailedRollbackIsSuppressedIntoTheFailureOfTheTransaction(TestDatabase db) throws Exception {
    try (Connection real = db.connect()) {
      Connection c = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            if (method.getName().equals("rollback")) {
              throw new SQLException("rollback failed", "08006");
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      SQLException e = assertThrows(SQLException.class,
          () -> Jdbc.inTransaction(c, () -> TestConnections.queryOne(c, "SELECT (1/0)::text")));
      assertEquals("22012", e.getSQLState());
      assertEquals(1, e.getSuppressed().length);
      assertEquals("rollback failed", e.getSuppressed()[0].getMessage());
      assertTrue(real.getAutoCommit(), "autocommit restored");
    }
  }
}
