package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.SpillSessions;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads through an application's connection pool: the pool's physical connections keep their
 * session state across close(), so what a load sets on them must not make the next load take them
 * for a dead loader's sessions and terminate them.
 */
@ExtendWith(PgExtension.class)
class PooledLoadTest {
  @TempDir
  Path tmp;

  /** What every pool does: close() returns the physical connection, its session settings kept. */
  static final class TinyPool implements DataSource {
    final Deque<Connection> free = new ArrayDeque<>();
    final List<Connection> all = new ArrayList<>();
    final TestDatabase db;

    TinyPool(TestDatabase db) {
      this.db = db;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
      Connection real = free.isEmpty() ? newOne() : free.pop();
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
          (p, m, a) -> {
            if (m.getName().equals("close")) {
              synchronized (TinyPool.this) {
                if (!free.contains(real)) {
                  free.push(real);
                }
              }
              return null;
            }
            try {
              return m.invoke(real, a);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    private Connection newOne() throws SQLException {
      Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
      all.add(c);
      return c;
    }

    @Override public Connection getConnection(String u, String p) throws SQLException { return getConnection(); }
    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) {}
    @Override public void setLoginTimeout(int seconds) {}
    @Override public int getLoginTimeout() { return 0; }
    @Override public Logger getParentLogger() { return null; }
    @Override public <T> T unwrap(Class<T> iface) { return null; }
    @Override public boolean isWrapperFor(Class<?> iface) { return false; }
  }

  private SpillResult spill(TestDatabase db) throws Exception {
    Plan plan = Plan.builder().schema(db.schema())
        .table("artifact", t -> t.column("id", "bigint").column("path", "text").id("id").key("path"))
        .table("other", t -> t.column("id", "bigint").column("name", "text").id("id").key("name"))
        .table("third", t -> t.column("id", "bigint").column("name", "text").id("id").key("name"))
        .source("artifacts", s -> s.emit("artifact", e -> e.value("path", "$path"))
            .emit("other", e -> e.value("name", "$path")).emit("third", e -> e.value("name", "$path")))
        .build();
    try (SpillWriter w = Spillway.spill(plan, tmp.resolve("spill"), SpillSettings.defaults())) {
      w.record("artifacts", Map.of("path", "/a.jar"));
      return w.finish();
    }
  }

  private static String applicationName(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('application_name')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void aLoadGivesThePooledConnectionsBackAsItFoundThemAndASecondLoadLeavesThemAlone(TestDatabase db)
      throws Exception {
    SpillResult spilled = spill(db);
    TinyPool pool = new TinyPool(db);
    List<String> warnings = new ArrayList<>();
    LoadListener listener = new LoadListener() {
      @Override
      public void warning(String m) {
        warnings.add(m);
      }
    };
    // three physical connections in the pool, as a load with jobs >= 2 uses at once
    Connection x1 = pool.getConnection();
    Connection x2 = pool.getConnection();
    Connection x3 = pool.getConnection();
    x1.setClientInfo("ApplicationName", "the application");
    x1.close();
    x2.close();
    x3.close();
    List<String> before = new ArrayList<>();
    for (Connection c : pool.all) {
      before.add(applicationName(c));
    }
    Spillway.load(spilled.directory(), pool, LoadSettings.defaults().createTables(true).jobs(3).listener(listener));
    List<String> after = new ArrayList<>();
    for (Connection c : pool.all) {
      after.add(applicationName(c));
    }
    assertEquals(before, after.subList(0, before.size()), "application_name of each pooled connection after the load");
    for (String name : after) {
      assertTrue(!name.contains(spilled.spillId()), "a pooled connection kept the load's application_name: " + name);
    }

    Spillway.load(spilled.directory(), pool, LoadSettings.defaults().listener(listener));
    assertEquals(List.of(), warnings);
    for (Connection c : pool.all) {
      assertTrue(c.isValid(60), "a pooled connection was terminated: " + c); // false at once if it was
    }
    assertEquals("1", db.queryOne("SELECT count(*) FROM artifact"));
  }

  @Test
  void anIdleSessionNamedAfterTheSpillHoldingNoLockIsNotTerminated(TestDatabase db) throws Exception {
    SpillResult spilled = spill(db);
    List<String> warnings = new ArrayList<>();
    LoadListener listener = new LoadListener() {
      @Override
      public void warning(String m) {
        warnings.add(m);
      }
    };
    try (Connection idle = db.connect()) {
      idle.setClientInfo("ApplicationName", SpillSessions.applicationName("spillway", "load", spilled.spillId()));
      Spillway.load(spilled.directory(), db.cliUrl(), LoadSettings.defaults().createTables(true).listener(listener));
      assertTrue(idle.isValid(60), "an idle session holding no lock was terminated"); // false at once if it was
      assertEquals(List.of(), warnings);
    }
  }
}
