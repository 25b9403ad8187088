package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.cli.CliRun;
import dev.spillway.cli.ExitCode;
import dev.spillway.pg.SpillSessions;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * Issue 10, item 7: a session an earlier load of the same spill left behind (its process gone, the
 * session still in its transaction holding row locks) is terminated, with a line naming its pid even
 * with --quiet, instead of the new load waiting on it forever.
 */
@ExtendWith(PgExtension.class)
class OrphanSessionTest {
  @TempDir
  Path tmp;

  /** A session like a dead loader's worker: the spill's application_name, an open transaction holding a row lock. */
  private static Connection orphan(TestDatabase db, String spillId) throws SQLException {
    return orphan(db, spillId, "INSERT INTO " + db.schema() + ".maintainer VALUES (1, 'uncommitted')"); // the load's first row waits on it
  }

  /** A session with the spill's load application_name, left in the transaction {@code sql} began. */
  static Connection orphan(TestDatabase db, String spillId, String sql) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", db.user());
    p.setProperty("password", db.password());
    p.setProperty("ApplicationName", SpillSessions.applicationName("spillway", "load", spillId));
    Connection c = DriverManager.getConnection(db.jdbcUrl(), p);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
    return c;
  }

  @Test
  void aLeftOverSessionOfTheSameSpillIsTerminatedAndNamedEvenWithQuiet(TestDatabase db) throws Exception {
    Packages data = new Packages(20, 200, 5);
    Packages.createTables(db);
    data.createExpected(db);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 4096);
    try (Connection orphan = orphan(db, spill.spillId())) {
      int pid = orphan.unwrap(PGConnection.class).getBackendPID();
      CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("load", spill.root().toString(),
          "--url", db.cliUrl(), "--control-schema", db.schema(), "--quiet"));
      assertEquals(ExitCode.OK, run.exitCode(), run.err());
      assertTrue(run.err().contains("session pid " + pid + " "), run.err());
      assertTrue(run.err().contains("left over from an earlier load of spill " + spill.spillId() + ": terminated it"),
          run.err());
      assertThrows(SQLException.class, orphan::commit, "the orphan's transaction was ended, its row never committed");
    }
    Packages.assertLoaded(db);
  }

  @Test
  void sessionsOfOtherSpillsAreLeftAlone(TestDatabase db) throws Exception {
    Packages data = new Packages(5, 20, 6);
    Packages.createTables(db);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 4096);
    try (Connection other = orphan(db, "spill-of-someone-else")) {
      other.rollback(); // holds no lock, just its application_name
      new Loader(LoadDb.factory(db), LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema()),
          LoadProgress.none()).load(spill.root());
      try (Statement s = other.createStatement()) {
        s.execute("SELECT 1"); // still alive
      }
    }
    assertEquals(20, LoadDb.count(db, "SELECT count(*) FROM package"));
  }

  @Test
  void applicationNamesKeepTheWholeSpillIdWithinTheServersLimit() {
    String id = "spill-" + "0123456789abcdef0123456789abcdef0123";
    String name = SpillSessions.applicationName("a very long application name given in the URL", "load", id);
    assertTrue(name.endsWith(" load " + id), name);
    assertTrue(name.length() <= 63, name.length() + ": " + name);
  }
}
