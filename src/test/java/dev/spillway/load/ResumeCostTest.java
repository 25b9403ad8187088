package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.SealedSegment;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, item 5: a resumed load verifies only the segments it has left to load. */
@ExtendWith(PgExtension.class)
class ResumeCostTest {
  @TempDir
  Path tmp;

  /** Records what the pre-flight verified. */
  private static final class Verified implements LoadProgress {
    final List<long[]> calls = new ArrayList<>(); // {segmentsDone, segmentsTotal, bytesDone, bytesTotal}

    @Override
    public void verified(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal) {
      calls.add(new long[] {segmentsDone, segmentsTotal, bytesDone, bytesTotal});
    }

    @Override
    public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {}

    @Override
    public void segmentLoaded(String table, long rows, long bytes) {}

    @Override
    public void close() {}
  }

  private static Loader loader(TestDatabase db, LoadProgress progress) {
    return new Loader(LoadDb.factory(db), LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema()),
        progress);
  }

  @Test
  void aResumeDoesNotReadTheSegmentsAlreadyLoadedEvenWhenTheyWereDamagedSince(TestDatabase db) throws Exception {
    Packages data = new Packages(50, 3000, 5);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 16 * 1024);
    Packages.createTables(db);
    data.createExpected(db);
    int total = spill.manifest().segments().size();
    // the last package row (in the last segment) fails, so every earlier segment can commit
    db.execute("CREATE FUNCTION refuse_last() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " IF NEW.id = 3000 THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$");
    db.execute("CREATE TRIGGER refuse_last BEFORE INSERT ON package FOR EACH ROW EXECUTE FUNCTION refuse_last()");
    Verified first = new Verified();
    assertThrows(RuntimeException.class, () -> loader(db, first).load(spill.root()));
    assertEquals(total, first.calls.get(first.calls.size() - 1)[1], "a first load verifies every segment");
    long committed = LoadDb.count(db, "SELECT count(*) FROM segment_progress");
    assertTrue(committed >= 2 && committed < total, "loaded part of the spill: " + committed + " of " + total);
    long loadedBytes = LoadDb.count(db, "SELECT sum(byte_count) FROM segment_progress");
    long totalBytes = spill.manifest().segments().stream().mapToLong(SealedSegment::bytes).sum();

    // damage a loaded segment of each table where a full verification would refuse it (CRC32C)
    LoaderTest.flipBit(spill.file("maintainer", 1), LoaderTest.payloadOffset(spill.file("maintainer", 1), 2, 1), 3);
    LoaderTest.flipBit(spill.file("package", 1), LoaderTest.payloadOffset(spill.file("package", 1), 2, 1), 3);
    db.execute("DROP TRIGGER refuse_last ON package");

    Verified resumed = new Verified();
    LoadSummary summary = loader(db, resumed).load(spill.root());

    Packages.assertLoaded(db);
    assertEquals(committed, summary.segmentsAlreadyLoaded());
    long left = total - committed;
    assertEquals(left, summary.segmentsLoaded());
    assertEquals(left, resumed.calls.size(), "one verified() per segment left");
    long[] last = resumed.calls.get(resumed.calls.size() - 1);
    assertEquals(left, last[1], "segments verified");
    assertEquals(totalBytes - loadedBytes, last[3], "bytes verified: only those of the segments left");
  }
}
