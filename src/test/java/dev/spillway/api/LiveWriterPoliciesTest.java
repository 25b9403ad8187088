package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.cli.CliRun;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the live writer does with a ref to a key that is nowhere (each {@code missing:} policy), a
 * repeated key ({@code on_duplicate}), keys written by an earlier flush, typed values and sources
 * fed from code; and that its ids continue a backfill's.
 */
@ExtendWith(PgExtension.class)
class LiveWriterPoliciesTest {
  @TempDir
  Path tmp;

  /** Sources fed from code: {@code owners} by name (maps), {@code items} by position (lists). */
  static final String PLAN = """
      version: 1
      schema: %s
      tables:
        owner: {columns: {id: bigint, name: text, since: date}, id: id, key: [name], on_duplicate: %s}
        item: {columns: {id: bigint, sku: text, owner_id: bigint, price: "numeric(8,2)"}, id: id, key: [sku], on_existing: update}
      sources:
        - name: owners
          emit:
            - table: owner
              values: {name: $name, since: $since}
        - name: items
          emit:
            - table: item
              values: {sku: $1, price: $3, owner_id: {ref: owner, key: [$2], missing: %s}}
      """;

  private Plan plan(TestDatabase db, String onDuplicate, String missing) throws Exception {
    db.execute("CREATE TABLE IF NOT EXISTS owner (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, since date)");
    db.execute("CREATE TABLE IF NOT EXISTS item (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE,"
        + " owner_id bigint REFERENCES owner, price numeric(8,2))");
    Path plan = tmp.resolve("plan-" + onDuplicate + "-" + missing + ".yaml");
    Files.writeString(plan, PLAN.formatted(db.schema(), onDuplicate, missing));
    return Plan.load(plan);
  }

  @Test
  void missingPoliciesDecideARefToAKeyThatIsNowhere(TestDatabase db) throws Exception {
    Map<String, String> expected = Map.of(
        "null", "i1:NULL",
        "create", "i1:ghost",
        "skip", "",
        "reject", "");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Plan plan = plan(db, "first", e.getKey());
      try (Connection c = LiveFixtures.transaction(db)) {
        LiveResult result;
        try (LiveWriter w = LiveWriter.open(c, plan)) {
          w.record("items", List.of("i1", "ghost", "1.50"));
          result = w.flush();
        }
        assertEquals("0", db.queryOne("SELECT count(*) FROM item"), "another session sees nothing before the commit");
        c.commit();
        assertEquals(e.getValue(), db.queryOne("SELECT coalesce(string_agg(sku || ':' || coalesce(o.name, 'NULL'), ' '), '')"
            + " FROM item i LEFT JOIN owner o ON o.id = i.owner_id"), "missing: " + e.getKey());
        if (e.getKey().equals("reject")) {
          assertEquals(List.of(new LiveReject("items", 1, "item", "owner_id", "owner['ghost']", "missing ref owner['ghost']")),
              result.rejects());
        } else if (e.getKey().equals("skip")) {
          assertEquals(new LiveResult.TableCounts(0, 0, 0, 0, 1), result.tables().get("item"));
        }
      }
      db.execute("TRUNCATE item, owner");
    }
  }

  @Test
  void missingErrorFailsTheFlushNamingTheRecordAndTheWriterRefusesMore(TestDatabase db) throws Exception {
    Plan plan = plan(db, "first", "error");
    try (Connection c = LiveFixtures.transaction(db)) {
      LiveWriter w = LiveWriter.open(c, plan);
      w.record("owners", Map.of("name", "ann"));
      w.record("items", List.of("i1", "ann", "2"));
      w.record("items", List.of("i2", "ghost", "2"));
      LiveWriteException e = assertThrows(LiveWriteException.class, w::flush);
      assertEquals("source items record 2: table item column owner_id: missing ref owner['ghost'] (missing: error,"
          + " sources[1].emit[0].values.owner_id)", e.getMessage());
      assertEquals("0", count(c, "item"), "decided before anything is written");
      assertThrows(IllegalStateException.class, () -> w.record("owners", Map.of("name", "bob")));
      c.rollback();
    }
  }

  @Test
  void onDuplicateDecidesARepeatedKeyWithinAFlushAndOnExistingAKeyOfAnEarlierOne(TestDatabase db) throws Exception {
    Plan reject = plan(db, "reject", "reject");
    try (Connection c = LiveFixtures.transaction(db)) {
      try (LiveWriter w = LiveWriter.open(c, reject)) {
        w.record("owners", Map.of("name", "ann", "since", LocalDate.of(2020, 1, 2)));
        w.record("owners", Map.of("name", "ann", "since", "2021-01-01"));
        w.record("items", Arrays.asList("i1", "ann", new BigDecimal("3.5")));
        LiveResult first = w.flush();
        assertEquals(List.of(new LiveReject("owners", 2, "owner", null, "owner['ann']", "duplicate key owner['ann']")),
            first.rejects());

        w.record("items", Arrays.asList("i1", "ann", 4L)); // written by the first flush: on_existing update
        w.record("owners", Map.of("name", "ann", "since", "1999-09-09")); // on_existing skip (the default)
        LiveResult second = w.flush();
        assertEquals(new LiveResult.TableCounts(0, 1, 0, 0, 0), second.tables().get("item"));
        assertEquals(new LiveResult.TableCounts(0, 0, 1, 0, 0), second.tables().get("owner"));
      }
      c.commit();
    }
    assertEquals("ann 2020-01-02 i1 4.00", db.queryOne("SELECT o.name || ' ' || o.since || ' ' || i.sku || ' ' || i.price"
        + " FROM item i JOIN owner o ON o.id = i.owner_id"));

    Plan error = plan(db, "error", "reject");
    try (Connection c = LiveFixtures.transaction(db)) {
      LiveWriter w = LiveWriter.open(c, error);
      w.record("owners", Map.of("name", "bob"));
      w.record("owners", Map.of("name", "bob"));
      LiveWriteException e = assertThrows(LiveWriteException.class, w::flush);
      assertEquals("source owners record 2: table owner: duplicate key owner['bob'] (on_duplicate: error)", e.getMessage());
      c.rollback();
    }
  }

  /** A cache of one key: refs to rows of earlier flushes resolve through the cache or the database alike. */
  @Test
  void refsToEarlierFlushesResolveWithATinyCache(TestDatabase db) throws Exception {
    Plan plan = plan(db, "first", "error");
    try (Connection c = LiveFixtures.transaction(db)) {
      try (LiveWriter w = LiveWriter.open(c, plan, 1, 10)) {
        for (int i = 0; i < 5; i++) {
          w.record("owners", Map.of("name", "o" + i));
          w.flush();
        }
        for (int i = 0; i < 10; i++) {
          w.record("items", List.of("i" + i, "o" + (i % 5), i));
        }
        assertThrows(IllegalStateException.class, () -> w.record("items", List.of("i10", "o0", 1)), "maxPendingRows 10");
        assertEquals(new LiveResult.TableCounts(10, 0, 0, 0, 0), w.flush().tables().get("item"));
      }
      c.commit();
    }
    assertEquals("10", db.queryOne("SELECT count(*) FROM item i JOIN owner o ON o.id = i.owner_id"
        + " WHERE o.name = 'o' || (substr(i.sku, 2)::int % 5)"));
  }

  @Test
  void autocommitIsRefused(TestDatabase db) throws Exception {
    Plan plan = plan(db, "first", "null");
    try (Connection c = db.connect()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiveWriter.open(c, plan));
      assertTrue(e.getMessage().contains("inside the caller's transaction"), e.getMessage());
    }
  }

  /**
   * A backfill loaded with --create-tables (ids 1..n, no sequence), then live writes: new ids continue
   * above the backfill's (written and created rows alike) and refs to backfilled rows get their ids.
   */
  @Test
  void liveIdsContinueABackfillsIds(TestDatabase db) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("backfill"));
    Files.writeString(dir.resolve("owners.csv"), "name,since\nann,2020-01-01\nbob,2020-01-02\ncid,2020-01-03\n");
    Path planFile = dir.resolve("plan.yaml");
    String tables = """
        version: 1
        schema: %s
        tables:
          owner: {columns: {id: bigint, name: text, since: date}, id: id, key: [name]}
          item: {columns: {id: bigint, sku: text, owner_id: bigint}, id: id, key: [sku]}
        sources:
          - name: owners
            file: owners.csv
            format: {type: csv, header: true}
            emit:
              - table: owner
                values: {name: $name, since: $since}
        """.formatted(db.schema());
    Files.writeString(dir.resolve("spill.yaml"), tables); // the CLI reads no source fed from code
    Files.writeString(planFile, tables + """
          - name: items
            emit:
              - table: item
                values: {sku: $sku, owner_id: {ref: owner, key: [$owner], missing: create}}
        """);
    assertEquals(0, CliRun.of("spill", "-q", "--plan", dir.resolve("spill.yaml").toString(), "--out",
        dir.resolve("out").toString()).exitCode());
    CliRun load = CliRun.of("load", dir.resolve("out").toString(), "--url", db.cliUrl(), "--control-schema", db.schema(),
        "--create-tables");
    assertEquals(0, load.exitCode(), load.toString());
    db.execute("ALTER TABLE item ADD FOREIGN KEY (owner_id) REFERENCES owner");

    Plan plan = Plan.load(planFile);
    try (Connection c = LiveFixtures.transaction(db)) {
      try (LiveWriter w = LiveWriter.open(c, plan)) {
        w.record("owners", Map.of("name", "dot", "since", "2020-01-04"));
        w.record("items", Map.of("sku", "i1", "owner", "bob"));
        w.record("items", Map.of("sku", "i2", "owner", "dot"));
        w.record("items", Map.of("sku", "i3", "owner", "eve"));
        w.flush();
      }
      c.commit();
    }
    assertEquals("1:ann 2:bob 3:cid 4:dot 5:eve", db.queryOne("SELECT string_agg(id || ':' || name, ' ' ORDER BY id) FROM owner"));
    assertEquals("i1:bob i2:dot i3:eve", db.queryOne("SELECT string_agg(sku || ':' || o.name, ' ' ORDER BY i.id) FROM item i"
        + " JOIN owner o ON o.id = i.owner_id"));
  }

  private static String count(Connection c, String table) throws Exception {
    try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
