package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The writer's life through the public API: finish, close without finish, failures, rejects, loads. */
@ExtendWith(PgExtension.class)
class SpillWriterTest {
  @TempDir
  Path tmp;

  private Plan plan(String schema) {
    return Plan.builder().schema(schema)
        .table("artifact", t -> t.column("id", "bigint").column("path", "text").column("size_bytes", "bigint").id("id").key("path"))
        .table("class", t -> t.column("artifact_id", "bigint").column("name", "text").key("artifact_id", "name"))
        .source("artifacts", s -> s.emit("artifact", e -> e.value("path", "$path").value("size_bytes", "$size")))
        .source("classes", s -> s.emit("class", e -> e.ref("artifact_id", "artifact", "$1").value("name", "$2")))
        .build();
  }

  @Test
  void closeWithoutFinishLeavesAnOpenSpillTheLoadRefuses(TestDatabase db) throws Exception {
    Path out = tmp.resolve("spill");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
      try (SpillWriter w = Spillway.spill(plan(db.schema()), out, SpillSettings.defaults())) {
        w.record("artifacts", Map.of("path", "/a.jar", "size", 10L));
        w.record("classes", List.of("/a.jar", "A"));
        throw new RuntimeException("the program failed half way");
      }
    });
    assertEquals("the program failed half way", thrown.getMessage());
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"open\""), "manifest state open");
    RuntimeException refused = assertThrows(RuntimeException.class,
        () -> Spillway.load(out, db.cliUrl(), LoadSettings.defaults().createTables(true)));
    assertTrue(refused.getMessage().contains("is not complete (state open)"), refused.getMessage());
    assertEquals("0", db.queryOne("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + db.schema() + "'"));
  }

  @Test
  void aFinishedSpillLoadsThroughADataSourceAndLoadingAgainResumes(TestDatabase db) throws Exception {
    Path out = tmp.resolve("spill");
    try (SpillWriter w = Spillway.spill(plan(db.schema()), out, SpillSettings.defaults().compression(SegmentCompression.ZSTD))) {
      w.record("classes", List.of("/b.jar", "B1")); // a forward ref: the artifact comes later
      w.record("artifacts", Map.of("path", "/a.jar", "size", 10L));
      w.record("classes", List.of("/a.jar", "A1"));
      w.record("classes", List.of("/a.jar", "A2", "an element the source does not read"));
      w.record("artifacts", Map.of("path", "/b.jar", "size", "20"));
      SpillResult result = w.finish();
      assertEquals(new RowCounts(2, 2, 0, 0, 0), result.table("artifact"));
      assertEquals(new RowCounts(3, 3, 0, 0, 0), result.table("class"));
      assertThrows(IllegalStateException.class, () -> w.record("artifacts", Map.of("path", "/c.jar")));
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(db.jdbcUrl());
    ds.setUser(db.user());
    ds.setPassword(db.password());
    List<String> heard = new ArrayList<>();
    LoadResult first = Spillway.load(out, ds, LoadSettings.defaults().createTables(true).listener(new LoadListener() {
      @Override
      public void segmentLoaded(String table, long rows, long bytes) {
        heard.add(table + ":" + rows);
      }
    }));
    assertEquals(new TableLoad(2, 1, 0, 2, 0, 0), first.table("artifact"));
    assertEquals(new TableLoad(3, 1, 0, 3, 0, 0), first.table("class"));
    assertEquals(List.of("artifact:2", "class:3"), heard.stream().sorted().toList(), "one call per segment (commit order varies with jobs)");
    assertEquals("/a.jar A1,/a.jar A2,/b.jar B1", db.queryOne(
        "SELECT string_agg(a.path || ' ' || c.name, ',' ORDER BY a.path, c.name) FROM class c JOIN artifact a ON a.id = c.artifact_id"));
    LoadResult again = Spillway.load(out, db.cliUrl(), LoadSettings.defaults());
    assertEquals(0, again.rows());
    assertEquals(2, again.segmentsAlreadyLoaded());
  }

  @Test
  void typedValuesOfARecordWaitingForAForwardRefKeepTheirValues(TestDatabase db) throws Exception {
    Plan plan = Plan.builder().schema(db.schema())
        .table("day", t -> t.column("id", "bigint").column("d", "date").id("id").key("d"))
        .table("sale", t -> t.column("day_id", "bigint").column("at", "timestamptz").column("amount", "numeric").key("day_id", "at"))
        .source("sales", s -> s.emit("sale", e -> e.ref("day_id", "day", "$day").value("at", "$at").value("amount", "$amount")))
        .source("days", s -> s.emit("day", e -> e.value("d", "$d")))
        .build();
    Path out = tmp.resolve("spill");
    try (SpillWriter w = Spillway.spill(plan, out, SpillSettings.defaults())) {
      w.record("sales", Map.of("day", java.time.LocalDate.of(2024, 2, 29), "at", java.time.Instant.parse("2024-02-29T23:59:59.999999Z"),
          "amount", new java.math.BigDecimal("-12.50")));
      w.record("days", Map.of("d", java.time.LocalDate.of(2024, 2, 29)));
      assertEquals(new RowCounts(1, 1, 0, 0, 0), w.finish().table("sale"));
    }
    Spillway.load(out, db.cliUrl(), LoadSettings.defaults().createTables(true));
    assertEquals("2024-02-29|2024-02-29 23:59:59.999999|-12.50", db.queryOne(
        "SELECT d.d || '|' || (s.at AT TIME ZONE 'UTC') || '|' || s.amount FROM sale s JOIN day d ON d.id = s.day_id"));
  }

  @Test
  void rejectsNameTheSourceAndTheRecordsSequenceNumber() throws Exception {
    try (SpillWriter w = Spillway.spill(plan("s"), tmp.resolve("spill"), SpillSettings.defaults())) {
      w.record("artifacts", Map.of("path", "/a.jar", "size", 1L));
      w.record("artifacts", Map.of("path", "/b.jar", "size", "big"));
      w.record("classes", List.of("/a.jar", "A"));
      w.record("classes", List.of("/a.jar"));
      SpillResult result = w.finish();
      assertEquals(2, result.rejectCount());
    }
    List<String> rejects = Files.readAllLines(tmp.resolve("spill/rejects.csv"));
    assertEquals(3, rejects.size(), rejects.toString());
    assertTrue(rejects.get(1).startsWith("artifacts,2,artifact,size_bytes,big,"), rejects.get(1));
    assertTrue(rejects.get(2).startsWith("classes,2,class,"), rejects.get(2));
    assertTrue(rejects.get(2).contains("record has 1 fields, the source reads up to $2"), rejects.get(2));
  }

  @Test
  void aRejectPastTheLimitEndsTheSpillUnloadable() throws Exception {
    Path out = tmp.resolve("spill");
    try (SpillWriter w = Spillway.spill(plan("s"), out, SpillSettings.defaults().maxRejects(0))) {
      w.record("artifacts", Map.of("path", "/a.jar", "size", 1L));
      RuntimeException e = assertThrows(RuntimeException.class, () -> w.record("artifacts", Map.of("path", "/b.jar", "size", "x")));
      assertTrue(e.getMessage().contains("reject"), e.getMessage());
      assertThrows(IllegalStateException.class, w::finish);
    }
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"open\""));
  }

  @Test
  void recordsBuiltWronglyAreRefusedAndChangeNothing() throws Exception {
    try (SpillWriter w = Spillway.spill(plan("s"), tmp.resolve("spill"), SpillSettings.defaults())) {
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> w.record("nope", Map.of()));
      assertTrue(unknown.getMessage().contains("no source named 'nope'") && unknown.getMessage().contains("[artifacts, classes]"),
          unknown.getMessage());
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> w.record("artifacts", List.of("/a.jar")));
      assertTrue(shape.getMessage().contains("give its records as maps"), shape.getMessage());
      IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
          () -> w.record("artifacts", Map.of("path", new StringBuilder("/a.jar"))));
      assertTrue(type.getMessage().contains("record 1: field path is a java.lang.StringBuilder"), type.getMessage());
      IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class,
          () -> w.record("artifacts", Map.of("pth", "/a.jar")));
      assertTrue(misspelt.getMessage().contains("[pth] not read by the source")
          && misspelt.getMessage().contains("it reads [path, size]"), misspelt.getMessage());
      w.record("artifacts", Map.of("path", "/a.jar"));
      assertEquals(1, w.recordCount("artifacts"));
      SpillResult result = w.finish();
      assertEquals(new RowCounts(1, 1, 0, 0, 0), result.table("artifact"));
    }
  }

  @Test
  void aPlanBuiltInCodeIsValidatedAsYamlIs() {
    RuntimeException bad = assertThrows(RuntimeException.class, () -> Plan.builder()
        .table("t", t -> t.column("id", "bigint").column("name", "text").id("id").key("name"))
        .source("s", s -> s.emit("t", e -> e.value("nam", "$name")))
        .build());
    assertTrue(bad.getMessage().contains("sources[0].emit[0].values.nam"), bad.getMessage());
    Plan built = plan("s");
    assertEquals(List.of("artifacts", "classes"), built.sourcesFedFromCode());
    assertTrue(built.yaml().contains("name: \"artifacts\"") || built.yaml().contains("name: artifacts"), built.yaml());
    Plan reparsed = Plan.parse(built.yaml(), tmp.resolve("p.yaml"));
    assertEquals(built.tableNames(), reparsed.tableNames());
    assertFalse(built.yaml().isEmpty());
  }
}
