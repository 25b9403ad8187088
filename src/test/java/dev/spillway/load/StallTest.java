package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.cli.CliRun;
import dev.spillway.cli.ExitCode;
import dev.spillway.pg.ClientEnvironment;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ConnectionOptions;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TcpProxy;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 6: a connection that stalls (sockets open, no bytes) ends in exit 5 naming the
 * server and what was in progress, within the stall timeout or {@code connect_timeout}, and the
 * next run resumes. Faults come from a loopback {@link TcpProxy}; every test is bounded in time.
 */
@ExtendWith(PgExtension.class)
class StallTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  private Spill packages(TestDatabase db) throws Exception {
    Packages data = new Packages(40, 3000, 11);
    Packages.createTables(db);
    data.createExpected(db);
    return data.write(tmp.resolve("spill"), db.schema(), 8 * 1024);
  }

  @Test
  void statusGivesUpOnAServerThatNeverAnswersAtConnectTimeout(TestDatabase db) throws Exception {
    Spill spill = packages(db);
    try (TcpProxy silent = TcpProxy.silent()) {
      String url = "postgresql://" + db.user() + "@127.0.0.1:" + silent.port() + "/test?connect_timeout=2";
      long started = System.nanoTime();
      CliRun run = assertTimeoutPreemptively(BOUND, () -> CliRun.of("status", spill.root().toString(), "--url", url,
          "--stall-timeout", "0", "--control-schema", db.schema()));
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertEquals(ExitCode.DATABASE, run.exitCode(), run.err());
      assertTrue(run.err().contains("127.0.0.1:" + silent.port()), run.err());
      assertTrue(seconds < 15, "connect_timeout=2 bounds the whole start-up, took " + seconds + " s");
    }
  }

  @Test
  void statusGivesUpOnAStalledServerAtTheStallTimeout(TestDatabase db) throws Exception {
    Spill spill = packages(db);
    try (TcpProxy silent = TcpProxy.silent()) {
      String url = "postgresql://" + db.user() + "@127.0.0.1:" + silent.port() + "/test";
      CliRun run = assertTimeoutPreemptively(BOUND, () -> CliRun.of("status", spill.root().toString(), "--url", url,
          "--stall-timeout", "2s", "--control-schema", db.schema()));
      assertEquals(ExitCode.DATABASE, run.exitCode(), run.err());
      assertTrue(run.err().contains("the server at 127.0.0.1:" + silent.port() + " sent nothing for 2 s (--stall-timeout)"),
          run.err());
    }
  }

  @Test
  void aLoadWhoseNetworkStallsMidwayExitsNamingTheServerAndSegmentAndTheNextRunResumes(TestDatabase db)
      throws Exception {
    Spill spill = packages(db);
    LoadOptions options = LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema());
    try (TcpProxy proxy = TcpProxy.inFrontOf(db)) {
      ConnectionFactory viaProxy = new ConnectionFactory(ConnectionOptions.resolve(proxy.jdbcUrl(db),
          ClientEnvironment.of(Map.of("PGUSER", db.user()), "nobody"))).withStallTimeout(Duration.ofSeconds(5));
      // not shorter: a loaded server's answer (a COMMIT's flush) taking that long before the stall would end the
      // load early, with fewer segments committed than the resumed run expects
      AtomicInteger packageSegments = new AtomicInteger();
      LoadProgress stallAfterTwo = new LoadProgress() {
        @Override
        public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {}

        @Override
        public void segmentLoaded(String table, long rows, long bytes) {
          if (table.equals("package") && packageSegments.incrementAndGet() == 2) {
            proxy.stall();
          }
        }

        @Override
        public void close() {}
      };
      RuntimeException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(RuntimeException.class,
          () -> new Loader(viaProxy, options, stallAfterTwo).load(spill.root())));
      assertTrue(e instanceof dev.spillway.pg.PgException, e.toString());
      assertTrue(e.getMessage().contains("the server at 127.0.0.1:" + proxy.port()), e.getMessage());
      assertTrue(e.getMessage().contains("(--stall-timeout)"), e.getMessage());
      assertTrue(e.getMessage().contains("of table") || e.getMessage().contains("advisory lock of spill " + spill.spillId()),
          "names what was in progress (a segment, or the check of the spill's lock before it): " + e.getMessage());
      assertTrue(e.getMessage().contains("run the same command again"), e.getMessage());
    } // the proxy closes: the stalled sessions end, as when the network comes back or the client is gone

    LoadSummary resumed = assertTimeoutPreemptively(BOUND,
        () -> new Loader(LoadDb.factory(db), options, LoadProgress.none()).load(spill.root()));
    assertTrue(resumed.segmentsAlreadyLoaded() >= 3, "resumed after the committed segments: " + resumed.segmentsAlreadyLoaded());
    Packages.assertLoaded(db);
  }

  @Test
  void sigtermWhileHangingSaysWhatHappenedAndWhatToDo(TestDatabase db) throws Exception {
    Spill spill = packages(db);
    try (TcpProxy silent = TcpProxy.silent()) {
      String url = "postgresql://" + db.user() + "@127.0.0.1:" + silent.port() + "/test";
      ChildLoad child = new ChildLoad(tmp.resolve("child.log"), java.util.List.of(spill.root().toString(), "--url", url,
          "--stall-timeout", "0", "--control-schema", db.schema()));
      Process p = child.start();
      try {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (silent.connections() == 0 && System.nanoTime() < deadline && p.isAlive()) {
          Thread.sleep(20); // bounded poll until the child waits on the silent server (no timeout at all: --stall-timeout 0)
        }
        assertTrue(p.isAlive(), child.log());
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "ended on SIGTERM");
        assertEquals(143, p.exitValue(), child.log());
        assertTrue(child.log().contains("stopped by a signal before the command finished"), child.log());
        assertTrue(child.log().contains("run the same command again to resume"), child.log());
      } finally {
        p.destroyForcibly();
      }
    }
  }
}
