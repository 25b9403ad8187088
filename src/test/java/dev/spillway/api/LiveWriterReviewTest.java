package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Defects found in review of the live writer and the merge it shares with load --on-conflict. */
@ExtendWith(PgExtension.class)
class LiveWriterReviewTest {
  @TempDir
  Path tmp;

  private Plan plan(TestDatabase db) throws Exception {
    return LiveFixtures.ownerItemPlan(tmp, db);
  }

  @Test
  void idColumnsGeneratedAlwaysAsIdentityTakeTheAllocatedIds(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE owner (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE)");
    db.execute("CREATE TABLE item (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sku text NOT NULL UNIQUE,"
        + " owner_id bigint REFERENCES owner)");
    Plan plan = plan(db);
    try (Connection c = LiveFixtures.transaction(db)) {
      try (LiveWriter w = Spillway.live(c, plan)) {
        w.record("owners", Map.of("name", "zed"));
        w.record("items", Map.of("sku", "i1", "owner", "ann"));
        LiveResult r = w.flush();
        assertEquals(0, r.rejects().size(), r.toString());
      }
      c.commit();
    }
    assertEquals("ann,zed", db.queryOne("SELECT string_agg(name, ',' ORDER BY name) FROM owner"));
    assertEquals("ann", db.queryOne("SELECT o.name FROM item i JOIN owner o ON o.id = i.owner_id WHERE i.sku = 'i1'"));
  }

  @Test
  void loadOnConflictIntoAnIdentityAlwaysTable(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE owner (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE)");
    db.execute("CREATE TABLE item (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sku text NOT NULL UNIQUE,"
        + " owner_id bigint)");
    Path out = tmp.resolve("spill");
    try (SpillWriter w = Spillway.spill(plan(db), out, SpillSettings.defaults())) {
      w.record("owners", Map.of("name", "zed"));
      w.record("items", Map.of("sku", "i1", "owner", "zed"));
      w.finish();
    }
    Spillway.load(out, db.cliUrl(), LoadSettings.defaults().onConflict(ConflictMode.SKIP));
    assertEquals("zed", db.queryOne("SELECT o.name FROM item i JOIN owner o ON o.id = i.owner_id WHERE i.sku = 'i1'"));
  }

  @Test
  void aMapRecordForAFileSourceWithoutHeaderIsRefused(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE person (id bigserial PRIMARY KEY, login text NOT NULL UNIQUE, city text)");
    Path plan = tmp.resolve("people.yaml");
    Files.writeString(plan, """
        version: 1
        schema: %s
        tables:
          person: {columns: {id: bigint, login: text, city: text}, id: id, key: [login]}
        sources:
          - file: people.csv
            format: {type: csv, header: false}
            emit:
              - table: person
                values: {login: $1, city: $2}
        """.formatted(db.schema()));
    try (Connection c = LiveFixtures.transaction(db)) {
      try (LiveWriter w = Spillway.live(c, Plan.load(plan))) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("city", "Oslo");
        m.put("login", "ann");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.record("sources[0]", m));
        assertTrue(e.getMessage().contains("as lists, not maps"), e.getMessage());
        w.record("sources[0]", List.of("ann", "Oslo"));
        w.flush();
      }
      c.commit();
    }
    assertEquals("ann/Oslo", db.queryOne("SELECT login || '/' || city FROM person"));
  }

  @Test
  void twoWritersInOneTransaction(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE owner (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE)");
    db.execute("CREATE TABLE item (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE, owner_id bigint)");
    Plan plan = plan(db);
    try (Connection c = LiveFixtures.transaction(db)) {
      try (LiveWriter w = Spillway.live(c, plan)) {
        w.record("owners", Map.of("name", "a"));
        w.flush();
      }
      try (LiveWriter w = Spillway.live(c, plan)) {
        w.record("owners", Map.of("name", "b"));
        w.flush();
      }
      c.commit();
    }
    assertEquals("a,b", db.queryOne("SELECT string_agg(name, ',' ORDER BY name) FROM owner"));
  }

  @Test
  void aMisspeltFieldNameIsRefusedNotANull(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE owner (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE)");
    db.execute("CREATE TABLE item (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE, owner_id bigint)");
    try (Connection c = LiveFixtures.transaction(db); LiveWriter w = Spillway.live(c, plan(db))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> w.record("items", Map.of("sku", "i1", "ownr", "zed")));
      assertTrue(e.getMessage().contains("[ownr] not read by the source") && e.getMessage().contains("[sku, owner]"),
          e.getMessage());
      c.rollback();
    }
  }

  @Test
  void closeDiscardsWhatWasNotFlushedAndSaysSo(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE owner (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE)");
    db.execute("CREATE TABLE item (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE, owner_id bigint)");
    Plan plan = plan(db);
    try (Connection c = LiveFixtures.transaction(db)) {
      LiveWriter w = Spillway.live(c, plan);
      w.record("owners", Map.of("name", "a"));
      w.flush();
      w.record("owners", Map.of("name", "b"));
      IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
      assertTrue(e.getMessage().contains("1 record(s) not flushed"), e.getMessage());
      w.close(); // once is enough
      RuntimeException body = new RuntimeException("the caller's own failure");
      try (LiveWriter inBody = Spillway.live(c, plan)) {
        inBody.record("owners", Map.of("name", "c"));
        throw body;
      } catch (RuntimeException thrown) {
        assertEquals(body, thrown);
        assertEquals(1, thrown.getSuppressed().length);
      }
      c.commit();
    }
    assertEquals("a", db.queryOne("SELECT string_agg(name, ',') FROM owner"));
  }
}
