package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.cli.CliRun;
import dev.spillway.cli.ExitCode;
import dev.spillway.pg.ConstraintBuildException;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Constraints after the data (--create-tables in pg_restore's order) and references that go
 * forward, to the table itself and round a cycle, against the real server.
 */
@ExtendWith(PgExtension.class)
class AfterDataTest {
  @TempDir
  Path tmp;

  private static Loader loader(TestDatabase db, LoadOptions options) {
    return new Loader(LoadDb.factory(db), options.withControlSchema(db.schema()), LoadProgress.none());
  }

  private static String[] args(TestDatabase db, Path dir, String... more) {
    List<String> all = new ArrayList<>(List.of("load", dir.toString(), "--url", db.cliUrl(), "--control-schema", db.schema()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @ParameterizedTest(name = "jobs {0}, defer indexes {1}")
  @CsvSource({"1, false", "2, false", "1, true", "2, true"})
  void createTablesLoadsSelfAndCyclicReferencesThenBuildsKeysAndForeignKeys(int jobs, boolean deferIndexes,
      TestDatabase db) throws Exception {
    Cycles data = new Cycles(3000, 800, 200, 7);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 4096);
    data.createExpected(db);
    assertTrue(spill.segments("person").size() > 5, "forward references cross segments");
    LoadOptions options = LoadOptions.defaults().withCreateTables(true).withJobs(jobs).withDeferIndexes(deferIndexes);

    LoadSummary summary = loader(db, options).load(spill.root());

    Cycles.assertLoaded(db);
    assertEquals(spill.manifest().segments().size(), summary.segmentsLoaded());
    assertEquals(Cycles.CREATED_CONSTRAINTS, Cycles.constraints(db));
    assertEquals("9|9|0", db.queryOne("SELECT count(*) || '|' || count(*) FILTER (WHERE after_data) || '|'"
        + " || count(*) FILTER (WHERE state = 'dropped') FROM deferred_object"), "6 keys and 3 foreign keys, all built");
    assertEquals(9, summary.tables().stream().mapToInt(TableSummary::deferredRestored).sum());
    assertThrows(java.sql.SQLException.class, () -> db.execute("INSERT INTO person VALUES (-1, 'x', 99999)"),
        "the self-reference is enforced now");
    assertThrows(java.sql.SQLException.class, () -> db.execute("INSERT INTO city VALUES (-1, 'x', 99999)"),
        "the cycle's foreign keys are enforced now");
    assertEquals("t", db.queryOne("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'person'::regclass"
        + " AND attname = 'name'"), "key columns NOT NULL");
    assertEquals("3", db.queryOne("SELECT count(*) FROM table_finish"));

    // the tables dropped and the progress reset: the same spill creates them again, constraints too
    db.execute("DROP TABLE person, city, country");
    db.execute("DELETE FROM segment_progress");
    db.execute("DELETE FROM table_finish");
    loader(db, options).load(spill.root());
    Cycles.assertLoaded(db);
    assertEquals(Cycles.CREATED_CONSTRAINTS, Cycles.constraints(db));
  }

  @Test
  void keysAreBuiltOnlyAfterAllTheDataSoADuplicateIsReportedByTableAndKeyAndTheFixedLoadFinishes(TestDatabase db)
      throws Exception {
    Cycles data = new Cycles(400, 50, 10, 8);
    data.people.set(399, new Object[] {400L, "same name", 1L});
    data.people.set(0, new Object[] {1L, "same name", null}); // first segment and last segment
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 2048);

    CliRun failed = CliRun.of(args(db, spill.root(), "--create-tables", "--jobs", "2"));

    assertEquals(ExitCode.DATABASE, failed.exitCode(), failed.toString());
    assertTrue(failed.err().contains("building unique key \"person_name_key\" of \"" + db.schema() + "\".\"person\""),
        failed.toString());
    assertTrue(failed.err().contains("Key (name)=(same name) is duplicated."), failed.toString());
    assertTrue(failed.err().contains("run the same load again"), failed.toString());
    assertEquals("400", db.queryOne("SELECT count(*) FROM person"), "every row was loaded before the key was built");
    CliRun status = CliRun.of("status", spill.root().toString(), "--url", db.cliUrl(), "--control-schema", db.schema());
    assertTrue(status.out().contains("pending on \"" + db.schema() + "\".\"person\" (built after its data): key"
        + " \"person_name_key\", key \"person_pkey\", foreign key \"person_mentor_id_fkey\""), status.toString());

    db.execute("DELETE FROM person WHERE id = 400");
    CliRun fixed = CliRun.of(args(db, spill.root(), "--create-tables", "--jobs", "2"));

    assertEquals(ExitCode.OK, fixed.exitCode(), fixed.toString());
    assertEquals(Cycles.CREATED_CONSTRAINTS, Cycles.constraints(db));
    assertEquals("0", db.queryOne("SELECT count(*) FROM deferred_object WHERE state = 'dropped'"));
  }

  @ParameterizedTest(name = "deferrable {0}")
  @CsvSource({"false", "true"})
  void existingTablesWithAForeignKeyInACycleAreRefusedNamingItAndLoadWithDeferIndexes(boolean deferrable,
      TestDatabase db) throws Exception {
    Cycles data = new Cycles(600, 100, 20, 9);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 2048);
    Cycles.createTables(db, deferrable);
    data.createExpected(db);

    CliRun refused = CliRun.of(args(db, spill.root()));

    assertEquals(ExitCode.USAGE, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("table \"" + db.schema() + "\".\"person\" has foreign key \"person_fk\""
        + (deferrable ? " (DEFERRABLE)" : "") + " referencing \"" + db.schema() + "\".\"person\""), refused.toString());
    assertTrue(refused.err().contains("(person -> person)"), refused.toString());
    assertTrue(refused.err().contains("Load with --defer-indexes"), refused.toString());
    assertEquals("0", db.queryOne("SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM city)"), "nothing loaded");

    CliRun deferred = CliRun.of(args(db, spill.root(), "--defer-indexes", "--jobs", "2"));

    assertEquals(ExitCode.OK, deferred.exitCode(), deferred.toString());
    Cycles.assertLoaded(db);
    assertEquals("city_fk,country_fk,person_fk", db.queryOne("SELECT string_agg(conname, ',' ORDER BY conname)"
        + " FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"), "re-added");
    assertEquals(deferrable ? "t" : "f", db.queryOne("SELECT bool_and(condeferrable) FROM pg_constraint WHERE contype = 'f'"
        + " AND connamespace = current_schema()::regnamespace"), "as they were");
  }

  /**
   * --on-conflict needs the keys during the load: they come with the table, the foreign keys after
   * the data. The tables then exist with their foreign keys, cycles included: a second spill needs
   * --defer-indexes.
   */
  @Test
  void createTablesWithOnConflictSkipCreatesTheKeysWithTheTableAndLoadsASecondSpillWithoutDuplicates(TestDatabase db)
      throws Exception {
    Cycles data = new Cycles(500, 100, 20, 11);
    data.createExpected(db);
    LoadOptions options = LoadOptions.defaults().withCreateTables(true).withOnConflict(ConflictMode.SKIP).withJobs(2)
        .withOtherSpills(OtherSpillsMode.APPEND);
    loader(db, options).load(data.write(tmp.resolve("first"), db.schema(), 2048).root());
    Spill again = data.write(tmp.resolve("second"), db.schema(), 2048);
    LoadOptionsException refused = assertThrows(LoadOptionsException.class, () -> loader(db, options).load(again.root()));
    assertTrue(refused.getMessage().contains("has foreign key \"person_mentor_id_fkey\""), refused.getMessage());
    LoadSummary second = loader(db, options.withDeferIndexes(true)).load(again.root());

    Cycles.assertLoaded(db);
    assertEquals(620, second.tables().stream().mapToLong(TableSummary::rowsSkipped).sum(), "every row of the second skipped");
    assertEquals(Cycles.CREATED_CONSTRAINTS, Cycles.constraints(db));
    assertEquals("3|0", db.queryOne("SELECT count(*) FILTER (WHERE after_data) || '|' || count(*) FILTER (WHERE state ="
        + " 'dropped') FROM deferred_object"), "only the foreign keys waited for the data; all restored");
  }

  /** Key columns are NOT NULL in the tables --create-tables creates: a NULL key part (stage one rejects them) is named. */
  @Test
  void aNullKeyPartIsRefusedByTheCreatedTableNamingTableColumnAndSegment(TestDatabase db) throws Exception {
    Spill spill = new SpillBuilder(tmp.resolve("spill")).targetSchema(db.schema())
        .table("pair", List.of("id bigint", "a text", "b text"), "id", List.of("a", "b"), java.util.Map.of())
        .row("pair", 1L, "x", "y").row("pair", 2L, "y", null).build();

    CliRun run = CliRun.of(args(db, spill.root(), "--create-tables"));

    assertEquals(ExitCode.DATABASE, run.exitCode(), run.toString());
    assertTrue(run.err().contains("segment 1 of table \"" + db.schema() + "\".\"pair\""), run.toString());
    assertTrue(run.err().contains("null value in column \"b\""), run.toString());
    assertEquals("t", db.queryOne("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'pair'::regclass AND attname = 'b'"));
  }

  @Test
  void aCycleIntoExistingTablesWithoutForeignKeysLoadsInAnyOrder(TestDatabase db) throws Exception {
    Cycles data = new Cycles(600, 100, 20, 10);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 2048);
    Cycles.createTables(db, false);
    for (String t : List.of("person", "city", "country")) {
      db.execute("ALTER TABLE " + t + " DROP CONSTRAINT " + t + "_fk");
    }
    data.createExpected(db);

    loader(db, LoadOptions.defaults().withJobs(2)).load(spill.root());

    Cycles.assertLoaded(db);
  }

  /**
   * The case: NULL key parts match as equal in --on-conflict skip|update, so a second
   * spill does not add a second (y, NULL) row, with or without an id column.
   */
  @Test
  void nullKeyPartsMatchInTheMergeSoASecondSpillAddsNoDuplicate(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE item (id bigint PRIMARY KEY, a text, b text, note text, UNIQUE (a, b))");
    db.execute("CREATE TABLE tag (a text, b text, note text, UNIQUE (a, b))");
    Spill first = nullKeySpill(db, "first", List.<Object[]>of(new Object[] {1L, "y", null, "one"}, new Object[] {2L, "x", "z", "two"}));
    loader(db, LoadOptions.defaults().withOnConflict(ConflictMode.SKIP).withOtherSpills(OtherSpillsMode.APPEND)).load(first.root());
    Spill second = nullKeySpill(db, "second", List.<Object[]>of(new Object[] {1L, "y", null, "changed"},
        new Object[] {2L, "x", "z", "two"}, new Object[] {3L, "w", null, "three"}));

    LoadSummary skipped = loader(db, LoadOptions.defaults().withOnConflict(ConflictMode.SKIP).withOtherSpills(OtherSpillsMode.APPEND)).load(second.root());

    assertEquals("3|one", db.queryOne("SELECT count(*) || '|' || max(note) FILTER (WHERE a = 'y') FROM item"));
    assertEquals("3|one", db.queryOne("SELECT count(*) || '|' || max(note) FILTER (WHERE a = 'y') FROM tag"));
    assertEquals(2, skipped.tables().get(0).rowsInserted() + skipped.tables().get(1).rowsInserted(), "w twice");

    Spill third = nullKeySpill(db, "third", List.<Object[]>of(new Object[] {1L, "y", null, "changed"}));
    LoadSummary updated = loader(db, LoadOptions.defaults().withOnConflict(ConflictMode.UPDATE).withOtherSpills(OtherSpillsMode.APPEND)).load(third.root());

    assertEquals("3|changed", db.queryOne("SELECT count(*) || '|' || max(note) FILTER (WHERE a = 'y') FROM item"));
    assertEquals("3|changed", db.queryOne("SELECT count(*) || '|' || max(note) FILTER (WHERE a = 'y') FROM tag"));
    assertEquals(2, updated.tables().get(0).rowsUpdated() + updated.tables().get(1).rowsUpdated());

    Spill otherIds = nullKeySpill(db, "other", List.<Object[]>of(new Object[] {9L, "y", null, "x"}));
    IdMismatchException e = assertThrows(IdMismatchException.class,
        () -> loader(db, LoadOptions.defaults().withOnConflict(ConflictMode.SKIP).withOtherSpills(OtherSpillsMode.APPEND)).load(otherIds.root()));
    assertTrue(e.getMessage().contains("the row with key (a, b)=(y, NULL) has id 9 in the spill but id 1 in the target"),
        e.getMessage());
  }

  private Spill nullKeySpill(TestDatabase db, String name, List<Object[]> rows) {
    List<Object[]> tags = new ArrayList<>();
    rows.forEach(r -> tags.add(new Object[] {r[1], r[2], r[3]}));
    return new SpillBuilder(tmp.resolve(name)).maxSegmentBytes(4096)
        .table("item", List.of("id bigint", "a text", "b text", "note text"), "id", List.of("a", "b"), java.util.Map.of())
        .table("tag", List.of("a text", "b text", "note text"), null, List.of("a", "b"), java.util.Map.of())
        .rows("item", rows).rows("tag", tags).targetSchema(db.schema()).build();
  }
}
