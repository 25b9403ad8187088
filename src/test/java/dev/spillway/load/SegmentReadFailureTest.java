package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spillway.pg.CommitCheck;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.ProgressTable;
import dev.spillway.segment.SpillIoException;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A segment that cannot be read while it is streamed is a spill I/O error (SpillIoException), not a database error. */
@ExtendWith(PgExtension.class)
class SegmentReadFailureTest {
  @TempDir
  Path tmp;

  @Test
  void anUnreadableSegmentIsASpillIoExceptionAndNothingIsLoaded(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE item (id bigint PRIMARY KEY, note text)");
    Spill spill = new SpillBuilder(tmp.resolve("spill")).targetSchema(db.schema())
        .table("item", List.of("id bigint", "note text"), "id", List.of(), Map.of())
        .rows("item", LoadFeaturesTest.rows(20, i -> new Object[] {(long) i, "note " + i})).build();
    LoadPlan plan = SpillCheck.plan(spill.root(), Optional.empty());
    TablePlan table = plan.tables().get(0);
    ControlSchema control = new ControlSchema(db.schema());
    ConnectionFactory factory = LoadDb.factory(db);
    ProgressTable progress = new ProgressTable(control);
    SegmentTransaction tx = new SegmentTransaction(plan, new SegmentCopy(4096), progress,
        new CommitCheck(factory, progress, Duration.ofSeconds(10), Duration.ofMillis(20)), ConflictMode.ERROR, System::nanoTime);
    try (Connection c = factory.open()) {
      control.ensure(c);
      // reading the file fails while streaming (here: the thread is interrupted, which stops the read)
      Thread.currentThread().interrupt();
      try {
        SpillIoException e = assertThrows(SpillIoException.class, () -> tx.load(c, table, table.segments().get(0)));
        assertEquals(spill.file("item", 1), e.file());
      } finally {
        Thread.interrupted();
      }
    }
    assertEquals("0", db.queryOne("SELECT count(*) FROM item"));
  }
}
