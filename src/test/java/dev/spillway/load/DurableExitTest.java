package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.ClientEnvironment;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ConnectionOptions;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 4: success is reported only after the commits are flushed
 * ({@link LoadProgress#durable}), on every successful path: a load, a resume with nothing left,
 * and sessions whose default is synchronous_commit = off. A failed load reports no durability.
 */
@ExtendWith(PgExtension.class)
class DurableExitTest {
  @TempDir
  Path tmp;

  /** Records the durable events and checks the flush position against the server's, when it comes. */
  private static final class Recorder implements LoadProgress {
    final List<String> durable = new ArrayList<>();

    @Override
    public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {}

    @Override
    public void segmentLoaded(String table, long rows, long bytes) {}

    @Override
    public void durable(String flushLsn) {
      durable.add(flushLsn);
    }

    @Override
    public void close() {}
  }

  @Test
  void everySuccessfulLoadFlushesEvenWithSynchronousCommitOffByDefault(TestDatabase db) throws Exception {
    Packages data = new Packages(10, 300, 4);
    Packages.createTables(db);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 4096);
    String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
    ConnectionFactory asyncByDefault = new ConnectionFactory(ConnectionOptions.resolve(url,
        ClientEnvironment.of(Map.of("PGUSER", db.user()), "nobody")));
    LoadOptions options = LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema());

    Recorder first = new Recorder();
    new Loader(asyncByDefault, options, first).load(spill.root());
    assertEquals(1, first.durable.size(), "flushed once before success");
    assertEquals("t", db.queryOne("SELECT '" + first.durable.get(0) + "'::pg_lsn <= pg_current_wal_flush_lsn()"));

    Recorder nothingLeft = new Recorder();
    LoadSummary again = new Loader(asyncByDefault, options, nothingLeft).load(spill.root());
    assertEquals(0, again.segmentsLoaded());
    assertEquals(1, nothingLeft.durable.size(), "a resume with nothing left still flushes what an earlier run committed");

    db.execute("DROP TABLE package");
    Recorder failed = new Recorder();
    assertThrows(RuntimeException.class, () -> new Loader(asyncByDefault, options, failed).load(
        data.write(tmp.resolve("other"), db.schema(), 4096).root()));
    assertTrue(failed.durable.isEmpty(), "no durability reported for a failed load");
  }
}
