package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** --on-conflict error|skip|update against rows already in the target. */
@ExtendWith(PgExtension.class)
class ConflictTest {
  @TempDir
  Path tmp;

  /** item (id bigint, name text, note text), key name; 300 rows in several segments. */
  private Spill items(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE item (id bigint PRIMARY KEY, name text UNIQUE, note text)");
    db.execute("CREATE TABLE expected_item (id bigint, name text, note text)");
    List<Object[]> rows = LoadFeaturesTest.rows(300, i -> new Object[] {(long) i, "name " + i, "note " + i});
    LoadDb.insert(db, "expected_item", 3, rows);
    return new SpillBuilder(tmp.resolve("spill")).targetSchema(db.schema()).maxSegmentBytes(2048)
        .table("item", List.of("id bigint", "name text", "note text"), "id", List.of("name"), Map.of())
        .rows("item", rows).build();
  }

  private static LoadSummary load(TestDatabase db, Spill spill, ConflictMode mode) {
    return new Loader(LoadDb.factory(db), LoadOptions.defaults().withOnConflict(mode).withControlSchema(db.schema()),
        LoadProgress.none()).load(spill.root());
  }

  @Test
  void errorNamesTableSegmentRowAndKeyAndTheResumeAfterTheFixContinues(TestDatabase db) throws Exception {
    Spill spill = items(db);
    long firstSegmentRows = spill.segments("item").get(0).rows();
    long clash = firstSegmentRows + 7; // row 7 of segment 2
    db.execute("INSERT INTO item VALUES (100000, 'name " + clash + "', 'already here')");

    SegmentLoadException e = assertThrows(SegmentLoadException.class, () -> load(db, spill, ConflictMode.ERROR));

    assertEquals(OptionalLong.of(7), e.rowInSegment());
    assertEquals(Optional.of("Key (name)=(name " + clash + ") already exists."), e.detail());
    assertEquals("segments/0001-00000002.pgcopy", e.segmentFile());
    assertEquals(Optional.of("23505"), e.sqlState());
    assertTrue(e.getMessage().contains("loading segments/0001-00000002.pgcopy (segment 2 of table \"" + db.schema()
        + "\".\"item\", spill directory " + spill.root() + ") failed: duplicate key at row 7 of the segment violates unique"
        + " constraint \"item_name_key\": Key (name)=(name " + clash + ") already exists. (SQLState 23505); use --on-conflict"
        + " skip or update"), e.getMessage());
    assertEquals(String.valueOf(firstSegmentRows + 1), db.queryOne("SELECT count(*) FROM item"), "segment 1 stays loaded");

    db.execute("DELETE FROM item WHERE id = 100000");
    LoadSummary resumed = load(db, spill, ConflictMode.ERROR);
    assertEquals(1, resumed.segmentsAlreadyLoaded());
    assertEquals(LoadDb.checksum(db, "expected_item", "id"), LoadDb.checksum(db, "item", "id"));
  }

  @Test
  void skipKeepsExistingRowsAndCountsThem(TestDatabase db) throws Exception {
    Spill spill = items(db);
    db.execute("INSERT INTO item SELECT g, 'name ' || g, 'old' FROM generate_series(1, 300, 10) g"); // 30 rows

    LoadSummary summary = load(db, spill, ConflictMode.SKIP);

    TableSummary t = summary.tables().get(0);
    assertEquals(300, t.rows());
    assertEquals(270, t.rowsInserted());
    assertEquals(30, t.rowsSkipped());
    assertEquals(0, t.rowsUpdated());
    assertEquals("30", db.queryOne("SELECT count(*) FROM item WHERE note = 'old'"));
    assertEquals("300", db.queryOne("SELECT count(*) FROM item"));
    assertEquals("0", db.queryOne("SELECT count(*) FROM pg_class WHERE relname = '" + ConflictMerge.STAGE_TABLE + "'"),
        "the staging tables are gone with their transactions");
  }

  @Test
  void updateReplacesChangedRowsAndSkipsIdenticalOnes(TestDatabase db) throws Exception {
    Spill spill = items(db);
    db.execute("INSERT INTO item SELECT g, 'name ' || g, 'old' FROM generate_series(1, 200, 10) g");        // 20 changed
    db.execute("INSERT INTO item SELECT g, 'name ' || g, 'note ' || g FROM generate_series(205, 300, 10) g"); // 10 identical

    LoadSummary summary = load(db, spill, ConflictMode.UPDATE);

    TableSummary t = summary.tables().get(0);
    assertEquals(270, t.rowsInserted());
    assertEquals(20, t.rowsUpdated());
    assertEquals(10, t.rowsSkipped());
    assertEquals(LoadDb.checksum(db, "expected_item", "id"), LoadDb.checksum(db, "item", "id"));
    assertTrue(dev.spillway.cli.LoadSummaryText.render(summary).contains("inserted  updated  skipped"), dev.spillway.cli.LoadSummaryText.render(summary));
  }

  @Test
  void aKeyTheTargetHasUnderAnotherIdIsRefusedInBothModesNamingKeyAndIds(TestDatabase db) throws Exception {
    Spill spill = items(db);
    db.execute("INSERT INTO item VALUES (5000, 'name 3', 'numbered by someone else')");
    for (ConflictMode mode : List.of(ConflictMode.SKIP, ConflictMode.UPDATE)) {
      IdMismatchException e = assertThrows(IdMismatchException.class, () -> load(db, spill, mode));
      assertEquals("(name)=(name 3)", e.key());
      assertEquals("3", e.spillIdValue());
      assertEquals("5000", e.targetId());
      assertTrue(e.getMessage().contains("\"" + db.schema() + "\".\"item\""), e.getMessage());
      assertTrue(e.getMessage().contains("spill --incremental") && e.getMessage().contains("run --incremental"), e.getMessage());
      assertEquals("1", db.queryOne("SELECT count(*) FROM item"), "nothing of the segment loaded");
    }
  }

  @Test
  void aClashOnAnotherConstraintThanTheKeyInSkipModeNamesTheConstraintAndTheKeyItResolves(TestDatabase db) throws Exception {
    Spill spill = items(db);
    db.execute("INSERT INTO item VALUES (3, 'a name the spill does not have', 'x')");
    SegmentLoadException e = assertThrows(SegmentLoadException.class, () -> load(db, spill, ConflictMode.SKIP));
    assertTrue(e.getMessage().contains("violates unique constraint \"item_pkey\": Key (id)=(3) already exists."),
        e.getMessage());
    assertTrue(e.getMessage().contains("--on-conflict skip resolves conflicts on (name) only, not on this constraint"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("use --on-conflict skip or update"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void updateIsRefusedUpFrontForATableWithoutKeyOrId(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE log (n integer)");
    Spill spill = new SpillBuilder(tmp.resolve("spill")).targetSchema(db.schema())
        .table("log", List.of("n integer"), null, List.of(), Map.of())
        .rows("log", LoadFeaturesTest.rows(5, i -> new Object[] {i})).build();
    LoadOptionsException e = assertThrows(LoadOptionsException.class, () -> load(db, spill, ConflictMode.UPDATE));
    assertTrue(e.getMessage().contains("table \"" + db.schema() + "\".\"log\""), e.getMessage());
    assertEquals(null, db.queryOne("SELECT to_regclass('" + db.schema() + ".segment_progress')::text"), "nothing touched");
    assertEquals(5, load(db, spill, ConflictMode.SKIP).tables().get(0).rowsInserted(), "skip needs no key");
  }
}
