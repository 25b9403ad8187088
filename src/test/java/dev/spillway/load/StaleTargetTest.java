package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, items 1 and 2: a re-spill of loaded data (a new spill id) is not added to the old
 * spill's rows without being told, and a target table emptied by TRUNCATE after its segments were
 * recorded is not reported as loaded.
 */
@ExtendWith(PgExtension.class)
class StaleTargetTest {
  @TempDir
  Path tmp;

  private static Loader loader(TestDatabase db, LoadOptions options) {
    return new Loader(LoadDb.factory(db), options.withSchema(db.schema()).withControlSchema(db.schema()),
        LoadProgress.none());
  }

  /** Tables without any key: nothing but spillway's own bookkeeping can stop a second copy of the rows. */
  private static void createKeylessTables(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE maintainer (id bigint, name text)");
    db.execute("CREATE TABLE package (id bigint, name text, maintainer_id bigint, version integer)");
  }

  private static long rows(TestDatabase db, String table) throws Exception {
    return LoadDb.count(db, "SELECT count(*) FROM " + table);
  }

  @Test
  void aRespillOfLoadedDataIsRefusedNamingTheOtherSpillThenReplacedOrAppendedOnRequest(TestDatabase db) throws Exception {
    Packages data = new Packages(30, 400, 7);
    createKeylessTables(db);
    Spill first = data.write(tmp.resolve("first"), db.schema(), 4096);
    loader(db, LoadOptions.defaults()).load(first.root());
    assertEquals(400, rows(db, "package"));

    Spill again = data.write(tmp.resolve("again"), db.schema(), 4096); // spill --force: same rows, new id
    OtherSpillLoadedException e = assertThrows(OtherSpillLoadedException.class,
        () -> loader(db, LoadOptions.defaults()).load(again.root()));
    String message = e.getMessage();
    assertTrue(message.contains(first.spillId()), message);
    assertTrue(message.contains(first.segments("package").size() + " segments (400 rows)"), message);
    assertTrue(message.contains("last loaded at 20"), message);
    assertTrue(message.contains("--replace") && message.contains("--append"), message);
    assertEquals(400, rows(db, "package"), "nothing loaded twice");
    assertEquals(30, rows(db, "maintainer"));

    LoadSummary replaced = loader(db, LoadOptions.defaults().withOtherSpills(OtherSpillsMode.REPLACE)).load(again.root());
    assertEquals(again.manifest().segments().size(), replaced.segmentsLoaded());
    assertEquals(400, rows(db, "package"), "the old spill's rows replaced, not added to");
    assertEquals(30, rows(db, "maintainer"));

    LoadSummary resumed = loader(db, LoadOptions.defaults().withOtherSpills(OtherSpillsMode.REPLACE)).load(again.root());
    assertEquals(0, resumed.segmentsLoaded(), "running the same command again empties nothing");
    assertEquals(400, rows(db, "package"));

    Spill third = data.write(tmp.resolve("third"), db.schema(), 4096);
    loader(db, LoadOptions.defaults().withOtherSpills(OtherSpillsMode.APPEND)).load(third.root());
    assertEquals(800, rows(db, "package"), "--append adds, as asked");
  }

  /**
   * Finding B1 (session 6): --replace empties every target table this spill has not loaded into,
   * whatever it holds, also rows that no spill loaded, and says so per table with its rows.
   */
  @Test
  void replaceEmptiesRowsFromElsewhereTooAndWarnsPerTableWithItsRows(TestDatabase db) throws Exception {
    Packages data = new Packages(10, 100, 11);
    createKeylessTables(db);
    db.execute("INSERT INTO package VALUES (-1, 'by hand', NULL, 1), (-2, 'by hand', NULL, 2), (-3, 'by hand', NULL, 3)");
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 4096);
    List<String> warnings = new ArrayList<>();
    new Loader(LoadDb.factory(db), LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema())
        .withOtherSpills(OtherSpillsMode.REPLACE), LoadProgress.warningsTo(warnings::add)).load(spill.root());
    assertEquals(100, rows(db, "package"), "the rows inserted by hand are gone");
    assertEquals(0, rows(db, "package WHERE id < 0"));
    assertEquals(List.of("--replace emptied \"" + db.schema() + "\".\"package\" (TRUNCATE of its 3 rows) before loading"
        + " spill " + spill.spillId() + " into it"), warnings, "maintainer was empty: nothing to say about it");
  }

  @Test
  void aReplaceThatCrashedAfterTheTruncateResumesWithoutReplace(TestDatabase db) throws Exception {
    Packages data = new Packages(10, 100, 8);
    createKeylessTables(db);
    loader(db, LoadOptions.defaults()).load(data.write(tmp.resolve("first"), db.schema(), 4096).root());
    db.execute("TRUNCATE maintainer, package"); // what --replace committed before its first segment
    Spill again = data.write(tmp.resolve("again"), db.schema(), 4096);
    loader(db, LoadOptions.defaults()).load(again.root());
    assertEquals(100, rows(db, "package"));
  }

  @Test
  void aTruncatedTableIsNotResumedAsLoadedAndStatusSaysSo(TestDatabase db) throws Exception {
    Packages data = new Packages(20, 300, 9);
    Packages.createTables(db);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 4096);
    loader(db, LoadOptions.defaults()).load(spill.root());
    db.execute("TRUNCATE package");

    StaleProgressException e = assertThrows(StaleProgressException.class,
        () -> loader(db, LoadOptions.defaults()).load(spill.root()));
    assertTrue(e.getMessage().contains("\"package\" is empty: it was emptied (TRUNCATE)"), e.getMessage());
    assertTrue(e.getMessage().contains("DELETE FROM"), e.getMessage());
    assertEquals(0, rows(db, "package"));

    StatusReport status = new LoadStatus(LoadDb.factory(db)).read(spill.root(), Optional.of(db.schema()), db.schema());
    TableStatus pkg = status.tables().stream().filter(t -> t.table().equals("package")).findFirst().orElseThrow();
    assertEquals(0, pkg.rowsLoaded(), "an empty table is not reported as loaded");
    assertEquals(20, status.tables().get(0).rowsLoaded(), "the maintainers are still there");
    assertTrue(status.problems().stream().anyMatch(p -> p.contains("emptied (TRUNCATE)")), status.problems().toString());
  }

  @Test
  void vacuumFullMovesTheStorageButKeepsTheRowsSoTheLoadResumes(TestDatabase db) throws Exception {
    Packages data = new Packages(20, 300, 10);
    Packages.createTables(db);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 4096);
    loader(db, LoadOptions.defaults()).load(spill.root());
    db.execute("VACUUM FULL package");
    LoadSummary again = loader(db, LoadOptions.defaults()).load(spill.root());
    assertEquals(0, again.segmentsLoaded());
    assertEquals(spill.manifest().segments().size(), again.segmentsAlreadyLoaded());
  }
}
