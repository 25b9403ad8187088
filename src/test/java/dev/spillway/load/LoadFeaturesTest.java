package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.QualifiedName;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Parallel jobs with foreign keys, --create-tables, --defer-indexes and sequences, against the real server. */
@ExtendWith(PgExtension.class)
class LoadFeaturesTest {
  @TempDir
  Path tmp;

  private static Loader loader(TestDatabase db, LoadOptions options) {
    return new Loader(LoadDb.factory(db), options.withControlSchema(db.schema()), LoadProgress.none());
  }

  @Test
  void twoJobsLoadChildrenOnlyAfterEveryParentSegmentCommitted(TestDatabase db) throws Exception {
    Packages data = new Packages(3000, 4000, 5);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 8 * 1024);
    Packages.createTables(db);
    data.createExpected(db);
    assertTrue(spill.segments("maintainer").size() >= 8, "parent segments: " + spill.segments("maintainer").size());
    // each COPY into package records how many maintainer rows its snapshot sees (committed ones only)
    db.execute("CREATE TABLE parents_seen (parents bigint NOT NULL)");
    db.execute("CREATE FUNCTION count_parents() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " INSERT INTO " + db.schema() + ".parents_seen SELECT count(*) FROM " + db.schema() + ".maintainer;"
        + " RETURN NULL; END $$");
    db.execute("CREATE TRIGGER count_parents BEFORE INSERT ON package FOR EACH STATEMENT EXECUTE FUNCTION count_parents()");

    LoadSummary summary = loader(db, LoadOptions.defaults().withJobs(2)).load(spill.root());

    Packages.assertLoaded(db);
    assertEquals(spill.manifest().segments().size(), summary.segmentsLoaded());
    assertEquals(String.valueOf(spill.segments("package").size()), db.queryOne("SELECT count(*) FROM parents_seen"));
    assertEquals("3000", db.queryOne("SELECT min(parents) FROM parents_seen"),
        "every child segment saw every parent row committed when its COPY began");
    String progress = db.schema() + ".segment_progress";
    assertEquals(String.valueOf(spill.manifest().segments().size()), db.queryOne("SELECT count(*) FROM " + progress));
  }

  @Test
  void createTablesWithHostileNamesRunsNothingButTheDdl(TestDatabase db) throws Exception {
    String schema = db.schema() + "\"; DROP TABLE canary; --";
    String parent = "Parent \"P\"; DROP TABLE canary;";
    String child = "child, (x) ; --";
    Spill spill = new SpillBuilder(tmp.resolve("spill")).targetSchema(schema).maxSegmentBytes(512)
        .table(parent, List.of("Id bigint", "Na me; \"q\" bigint", "Label') text"), "Id", List.of("Na me; \"q\""), Map.of())
        .table(child, List.of("id bigint", "Parent ID\" bigint", "v;al integer"), "id", List.of(), Map.of("Parent ID\"", parent))
        .rows(parent, rows(40, i -> new Object[] {(long) i, (long) i * 10, "l'abel \"" + i + "\"; --"}))
        .rows(child, rows(60, i -> new Object[] {(long) i, (long) (1 + i % 40), i}))
        .build();
    db.execute("CREATE TABLE canary (x int)");

    loader(db, LoadOptions.defaults().withCreateTables(true).withJobs(2)).load(spill.root());

    assertEquals("0", db.queryOne("SELECT count(*) FROM canary"), "canary survives");
    String quotedParent = QualifiedName.of(schema, parent).sql();
    String quotedChild = QualifiedName.of(schema, child).sql();
    assertEquals("40", db.queryOne("SELECT count(*) FROM " + quotedParent));
    assertEquals("60", db.queryOne("SELECT count(*) FROM " + quotedChild));
    assertEquals("l'abel \"7\"; --", db.queryOne("SELECT \"Label')\" FROM " + quotedParent + " WHERE \"Id\" = 7"));
    assertEquals("2", db.queryOne("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = '" + schema.replace("'", "''") + "' AND c.relkind = 'r'"), "exactly the two tables");
    assertEquals("p,u", db.queryOne("SELECT string_agg(contype::text, ',' ORDER BY contype) FROM pg_constraint"
        + " WHERE conrelid = '" + quotedParent.replace("'", "''") + "'::regclass"), "primary key on Id, unique on the key");
    assertEquals("f,p", db.queryOne("SELECT string_agg(contype::text, ',' ORDER BY contype) FROM pg_constraint"
        + " WHERE conrelid = '" + quotedChild.replace("'", "''") + "'::regclass"), "primary key and foreign key");
    assertThrows(java.sql.SQLException.class, () -> db.execute("INSERT INTO " + quotedChild + " VALUES (999, 999, 1)"),
        "the foreign key is enforced");
    db.execute("DROP SCHEMA " + dev.spillway.pg.Identifiers.quote(schema) + " CASCADE");
  }

  @Test
  void deferredIndexesAreRestoredAlsoByAResumeAfterACrashInBetween(TestDatabase db) throws Exception {
    Packages data = new Packages(100, 1500, 6);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 8 * 1024);
    Packages.createTables(db);
    data.createExpected(db);
    QualifiedName pkg = QualifiedName.of(db.schema(), "package");
    List<DeferrableObject> before = deferrable(db, pkg);
    assertEquals(List.of("package_version_idx", "package_maintainer_fk"), before.stream().map(DeferrableObject::name).toList());

    // the crash: the load stops after some of package's segments, its index and foreign key dropped
    // (a trigger failing package's second segment: the pre-flight refuses corrupt files before any loading)
    long firstRows = spill.segments("package").get(0).rows();
    db.execute("CREATE FUNCTION stop_second() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " IF (SELECT count(*) FROM " + db.schema() + ".package) >= " + firstRows + " THEN RAISE EXCEPTION 'crash'; END IF;"
        + " RETURN NEW; END $$");
    db.execute("CREATE TRIGGER stop_second BEFORE INSERT ON package FOR EACH ROW EXECUTE FUNCTION stop_second()");
    assertThrows(SegmentLoadException.class, () -> loader(db, LoadOptions.defaults().withDeferIndexes(true)).load(spill.root()));
    assertEquals(List.of(), deferrable(db, pkg), "dropped while package loads");
    assertEquals("2", db.queryOne("SELECT count(*) FROM deferred_object WHERE state = 'dropped'"));
    assertEquals(String.valueOf(firstRows), db.queryOne("SELECT count(*) FROM package"));

    db.execute("DROP TRIGGER stop_second ON package");
    LoadSummary resumed = loader(db, LoadOptions.defaults()).load(spill.root()); // even without --defer-indexes
    assertEquals(before, deferrable(db, pkg), "recreated identically");
    assertEquals(2, resumed.tables().get(1).deferredRestored());
    assertEquals("0", db.queryOne("SELECT count(*) FROM deferred_object WHERE state = 'dropped'"));
    Packages.assertLoaded(db);
  }

  @Test
  void whatTheLoadOfOneSpillLeftDroppedIsRestoredByTheLoadOfAnother(TestDatabase db) throws Exception {
    Packages data = new Packages(100, 1500, 6);
    Spill first = data.write(tmp.resolve("first"), db.schema(), 8 * 1024);
    Packages.createTables(db);
    data.createExpected(db);
    QualifiedName pkg = QualifiedName.of(db.schema(), "package");
    List<DeferrableObject> before = deferrable(db, pkg);
    db.execute("CREATE FUNCTION stop_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'crash'; END $$");
    db.execute("CREATE TRIGGER stop_all BEFORE INSERT ON package FOR EACH ROW EXECUTE FUNCTION stop_all()");
    assertThrows(SegmentLoadException.class, () -> loader(db, LoadOptions.defaults().withDeferIndexes(true)).load(first.root()));
    assertEquals(List.of(), deferrable(db, pkg), "the first spill's load left package's index and key dropped");
    db.execute("DROP TRIGGER stop_all ON package");
    db.execute("TRUNCATE maintainer, package");

    Spill second = data.write(tmp.resolve("second"), db.schema(), 8 * 1024); // same rows, another spill id
    assertTrue(!second.spillId().equals(first.spillId()));
    StatusReport status = new LoadStatus(LoadDb.factory(db)).read(second.root(), java.util.Optional.empty(), db.schema());
    assertEquals(2, status.tables().get(1).deferredPending(), "status of the other spill shows what waits on its table");
    LoadSummary summary = loader(db, LoadOptions.defaults()).load(second.root());
    assertEquals(before, deferrable(db, pkg), "restored by the other spill's load");
    assertEquals(2, summary.tables().get(1).deferredRestored());
    assertEquals("0", db.queryOne("SELECT count(*) FROM deferred_object WHERE state = 'dropped'"));
    Packages.assertLoaded(db);
  }

  @Test
  void deferIndexesDropsATablesObjectsOnlyWhenItsTurnComes(TestDatabase db) throws Exception {
    Packages data = new Packages(100, 1500, 6);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 8 * 1024);
    Packages.createTables(db);
    data.createExpected(db);
    // while maintainer loads, package's index must still be there
    db.execute("CREATE FUNCTION check_idx() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " IF to_regclass('" + db.schema() + ".package_version_idx') IS NULL THEN RAISE EXCEPTION 'dropped early'; END IF;"
        + " RETURN NEW; END $$");
    db.execute("CREATE TRIGGER check_idx BEFORE INSERT ON maintainer FOR EACH ROW EXECUTE FUNCTION check_idx()");
    LoadSummary summary = loader(db, LoadOptions.defaults().withDeferIndexes(true)).load(spill.root());
    assertEquals(2, summary.tables().get(1).deferredRestored());
    Packages.assertLoaded(db);
  }

  @Test
  void aTableLoadedByARunThatStoppedBeforeFinishingItIsAnalyzedByTheNext(TestDatabase db) throws Exception {
    Packages data = new Packages(100, 1500, 6);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 8 * 1024);
    Packages.createTables(db);
    data.createExpected(db);
    db.execute("ALTER TABLE package SET (autovacuum_enabled = false)");
    // one row loads with a dangling maintainer: re-adding the deferred foreign key fails the finish
    db.execute("CREATE FUNCTION dangle() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " IF NEW.id = (SELECT min(id) FROM " + db.schema() + ".expected_package) THEN"
        + " NEW.maintainer_id := NEW.maintainer_id + 1000000; END IF; RETURN NEW; END $$");
    db.execute("CREATE TRIGGER dangle BEFORE INSERT ON package FOR EACH ROW EXECUTE FUNCTION dangle()");
    assertThrows(dev.spillway.pg.PgException.class,
        () -> loader(db, LoadOptions.defaults().withDeferIndexes(true)).load(spill.root()));
    assertEquals(String.valueOf(spill.segments("package").size()),
        db.queryOne("SELECT count(*) FROM segment_progress WHERE table_name LIKE '%package%'"), "every segment committed");
    assertEquals(null, db.queryOne("SELECT last_analyze::text FROM pg_stat_user_tables WHERE relid = '"
        + db.schema() + ".package'::regclass"));

    db.execute("UPDATE package SET maintainer_id = maintainer_id - 1000000 WHERE maintainer_id >= 1000000");
    LoadSummary resumed = loader(db, LoadOptions.defaults()).load(spill.root());
    assertEquals(0, resumed.segmentsLoaded());
    assertTrue(db.queryOne("SELECT last_analyze::text FROM pg_stat_user_tables WHERE relid = '"
        + db.schema() + ".package'::regclass") != null, "analyzed by the run that finished it");
    assertEquals("1", db.queryOne("SELECT count(*) FROM table_finish WHERE table_name LIKE '%package%'"));
    Packages.assertLoaded(db);

    loader(db, LoadOptions.defaults()).load(spill.root());
    assertEquals("1", db.queryOne("SELECT count(*) FROM table_finish WHERE table_name LIKE '%package%'"));
  }

  @Test
  void deferIndexesWithJobsRestoresEveryTable(TestDatabase db) throws Exception {
    Packages data = new Packages(500, 2000, 7);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 8 * 1024);
    Packages.createTables(db);
    db.execute("CREATE INDEX maintainer_lower_idx ON maintainer (lower(name))");
    data.createExpected(db);
    List<DeferrableObject> before = new ArrayList<>(deferrable(db, QualifiedName.of(db.schema(), "maintainer")));
    before.addAll(deferrable(db, QualifiedName.of(db.schema(), "package")));

    LoadSummary summary = loader(db, LoadOptions.defaults().withDeferIndexes(true).withJobs(2)).load(spill.root());

    List<DeferrableObject> after = new ArrayList<>(deferrable(db, QualifiedName.of(db.schema(), "maintainer")));
    after.addAll(deferrable(db, QualifiedName.of(db.schema(), "package")));
    assertEquals(before, after);
    assertEquals(3, summary.tables().stream().mapToInt(TableSummary::deferredRestored).sum());
    Packages.assertLoaded(db);
  }

  @Test
  void identityAndSerialSequencesMovePastTheLargestLoadedId(TestDatabase db) throws Exception {
    Spill spill = new SpillBuilder(tmp.resolve("spill")).targetSchema(db.schema()).maxSegmentBytes(1024)
        .table("a", List.of("id bigint", "n integer"), "id", List.of(), Map.of())
        .table("b", List.of("id bigint", "n integer"), "id", List.of(), Map.of())
        .rows("a", rows(500, i -> new Object[] {(long) i * 3, i}))
        .rows("b", rows(70, i -> new Object[] {(long) i, i}))
        .build();
    db.execute("CREATE TABLE a (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n integer)");
    db.execute("CREATE TABLE b (id bigserial PRIMARY KEY, n integer)");
    db.execute("SELECT setval(pg_get_serial_sequence('b', 'id'), 1000)");

    loader(db, LoadOptions.defaults()).load(spill.root());

    db.execute("INSERT INTO a (n) VALUES (-1)");
    assertEquals("1501", db.queryOne("SELECT id FROM a WHERE n = -1"), "after the largest loaded id 1500");
    db.execute("INSERT INTO b (n) VALUES (-1)");
    assertEquals("1001", db.queryOne("SELECT id FROM b WHERE n = -1"), "never moved backwards");
  }

  private static List<DeferrableObject> deferrable(TestDatabase db, QualifiedName table) throws Exception {
    try (Connection c = db.connect()) {
      return new Catalog(c).deferrableObjects(table);
    }
  }

  static List<Object[]> rows(int count, java.util.function.IntFunction<Object[]> row) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      out.add(row.apply(i));
    }
    return out;
  }
}
