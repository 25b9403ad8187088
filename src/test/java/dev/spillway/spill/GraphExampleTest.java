package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.assertBalanced;
import static dev.spillway.spill.SpillTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The polymorphic graph example ({@code examples/graph/plan.yaml}, the plan itself) against Postgres:
 * one graph.jsonl of nodes and edges of every label and type, shuffled so that edges often come
 * before their nodes (and some edges lead to nodes no line describes), spilled and loaded with
 * psql, must equal what SQL over the server's own load of the same lines into a {@code jsonb}
 * column gives, table by table, compared on the nodes' string ids (the surrogate ids are
 * spillway's own).
 */
@ExtendWith(PgExtension.class)
class GraphExampleTest {
  @TempDir
  Path tmp;

  static final String REFERENCE_SQL = """
      -- nodes: the first line of each id; ids only edges mention are rows with just the id
      CREATE TABLE r_package AS
        (SELECT DISTINCT ON (doc->>'id') doc->>'id' AS node_id, doc->'props'->>'name' AS name,
               doc->'props'->>'version' AS version, (doc->'props'->>'installed_size')::integer AS installed_kb,
               doc->'props' AS props
        FROM g WHERE doc->>'kind' = 'node' AND doc->>'label' = 'Package' ORDER BY doc->>'id', ord)
        UNION ALL
        SELECT DISTINCT id, NULL, NULL, NULL::integer, NULL::jsonb
        FROM (SELECT doc->>'source' AS id FROM g WHERE doc->>'kind' = 'edge'
              UNION ALL SELECT doc->>'target' FROM g WHERE doc->>'type' = 'DEPENDS_ON') e
        WHERE NOT EXISTS (SELECT 1 FROM g WHERE doc->>'label' = 'Package' AND doc->>'id' = e.id);
      CREATE TABLE r_maintainer AS
        (SELECT DISTINCT ON (doc->>'id') doc->>'id' AS node_id, doc->'props'->>'name' AS name
        FROM g WHERE doc->>'label' = 'Maintainer' ORDER BY doc->>'id', ord)
        UNION ALL
        SELECT DISTINCT doc->>'target', NULL FROM g e WHERE doc->>'type' = 'MAINTAINED_BY'
          AND NOT EXISTS (SELECT 1 FROM g WHERE g.doc->>'label' = 'Maintainer' AND g.doc->>'id' = e.doc->>'target');
      CREATE TABLE r_tag AS
        (SELECT DISTINCT ON (doc->>'id') doc->>'id' AS node_id, doc->'props'->>'tag' AS tag
        FROM g WHERE doc->>'label' = 'Tag' ORDER BY doc->>'id', ord)
        UNION ALL
        SELECT DISTINCT doc->>'target', NULL FROM g e WHERE doc->>'type' = 'TAGGED_WITH'
          AND NOT EXISTS (SELECT 1 FROM g WHERE g.doc->>'label' = 'Tag' AND g.doc->>'id' = e.doc->>'target');
      CREATE TABLE r_depends_on AS
        SELECT DISTINCT ON (doc->>'source', doc->>'target', doc->'props'->>'kind')
               doc->>'source' AS source, doc->>'target' AS target, doc->'props'->>'kind' AS kind,
               doc->'props'->>'constraint' AS version_constraint
        FROM g WHERE doc->>'type' = 'DEPENDS_ON'
        ORDER BY doc->>'source', doc->>'target', doc->'props'->>'kind', ord;
      CREATE TABLE r_maintained_by AS
        SELECT DISTINCT doc->>'source' AS source, doc->>'target' AS target FROM g WHERE doc->>'type' = 'MAINTAINED_BY';
      CREATE TABLE r_tagged_with AS
        SELECT DISTINCT doc->>'source' AS source, doc->>'target' AS target FROM g WHERE doc->>'type' = 'TAGGED_WITH';
      CREATE VIEW v_package AS SELECT node_id, name, version, installed_kb, props FROM package;
      CREATE VIEW v_maintainer AS SELECT node_id, name FROM maintainer;
      CREATE VIEW v_tag AS SELECT node_id, tag FROM tag;
      CREATE VIEW v_depends_on AS
        SELECT s.node_id AS source, t.node_id AS target, d.kind, d.version_constraint
        FROM depends_on d JOIN package s ON s.id = d.source_id JOIN package t ON t.id = d.target_id;
      CREATE VIEW v_maintained_by AS
        SELECT p.node_id AS source, m.node_id AS target
        FROM maintained_by e JOIN package p ON p.id = e.package_id JOIN maintainer m ON m.id = e.maintainer_id;
      CREATE VIEW v_tagged_with AS
        SELECT p.node_id AS source, t.node_id AS target
        FROM tagged_with e JOIN package p ON p.id = e.package_id JOIN tag t ON t.id = e.tag_id;
      """;

  static final List<String> TABLES = List.of("package", "maintainer", "tag", "depends_on", "maintained_by", "tagged_with");

  @Test
  void theGraphExampleEqualsSqlOverPostgresOwnLoadOfTheLines(TestDatabase db) throws Exception {
    String plan = Files.readString(Path.of("examples/graph/plan.yaml")).replace("schema: graph", "schema: " + db.schema());
    Path planFile = SpillTesting.write(tmp, "in/plan.yaml", plan);
    List<String> lines = graph(new Random(4242));
    SpillTesting.write(tmp, "in/graph.jsonl", String.join("\n", lines) + "\n");

    SpillResult result = SpillTesting.spill(SpillOptions.of(planFile, tmp.resolve("out")).withMaxSegmentBytes(8192));
    assertBalanced(result.manifest());
    db.execute("CREATE TABLE package (id bigint, node_id text, name text, version text, installed_kb integer, props jsonb)");
    db.execute("CREATE TABLE maintainer (id bigint, node_id text, name text)");
    db.execute("CREATE TABLE tag (id bigint, node_id text, tag text)");
    db.execute("CREATE TABLE depends_on (source_id bigint, target_id bigint, kind text, version_constraint text)");
    db.execute("CREATE TABLE maintained_by (package_id bigint, maintainer_id bigint)");
    db.execute("CREATE TABLE tagged_with (package_id bigint, tag_id bigint)");
    SpillTesting.loadWithPsql(db, result);
    db.execute("CREATE TABLE g (ord bigserial, doc jsonb)");
    try (Connection c = db.connect()) {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + db.schema() + ".g (doc) FROM STDIN "
          + "(FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')",
          new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
    }
    db.execute(REFERENCE_SQL);
    for (String table : TABLES) {
      assertEquals(db.queryOne("SELECT count(*) FROM " + table), db.queryOne("SELECT count(*) FROM v_" + table),
          table + ": every edge's ids lead to nodes");
      String count = db.queryOne("SELECT count(*) FROM r_" + table);
      assertTrue(Long.parseLong(count) > 0, table + " has rows");
      assertEquals(count, db.queryOne("SELECT count(*) FROM v_" + table), "rows of " + table);
      assertEquals(List.of(), query(db, "SELECT * FROM r_" + table + " EXCEPT ALL SELECT * FROM v_" + table + " LIMIT 5"),
          table + ": rows SQL gives that the spill lacks");
    }
    assertEquals("0", db.queryOne("SELECT count(*) - count(DISTINCT id) FROM package"), "one id per package");
    assertTrue(Long.parseLong(db.queryOne("SELECT count(*) FROM package WHERE node_id LIKE 'p:virtual-%'")) > 0,
        "virtual packages are rows with only their node id");
  }

  /** Packages, maintainers and tags as nodes, depends/maintained-by/tagged-with as edges, shuffled. */
  private static List<String> graph(Random random) {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    int packages = 200;
    for (int m = 0; m < 15; m++) {
      lines.add(node(json, "Maintainer", "m:Maintainer " + m + (m % 4 == 0 ? " <ü@example.org>" : ""), "name",
          "Maintainer " + m).toString());
    }
    for (int t = 0; t < 30; t++) {
      lines.add(node(json, "Tag", "t:role::" + t, "tag", "role::" + t).toString());
    }
    for (int p = 0; p < packages; p++) {
      ObjectNode n = node(json, "Package", "p:pkg-" + p, "name", "pkg-" + p);
      ObjectNode props = (ObjectNode) n.get("props");
      if (p % 9 != 0) {
        props.put("version", p % 5 + "." + p % 7 + "-1");
      }
      props.put("installed_size", random.nextInt(50_000));
      props.put("description", "package " + p + (p % 13 == 0 ? " with \"quotes\", tabs\tand ünïcode" : ""));
      lines.add(n.toString());
      int m = random.nextInt(15);
      lines.add(edge(json, "MAINTAINED_BY", "p:pkg-" + p, "m:Maintainer " + m + (m % 4 == 0 ? " <ü@example.org>" : ""))
          .toString());
      for (int t = random.nextInt(4); t > 0; t--) {
        lines.add(edge(json, "TAGGED_WITH", "p:pkg-" + p, "t:role::" + random.nextInt(30)).toString());
      }
      for (int d = random.nextInt(5); d > 0; d--) {
        int target = random.nextInt(packages + 10);
        ObjectNode e = edge(json, "DEPENDS_ON", "p:pkg-" + p, target < packages ? "p:pkg-" + target : "p:virtual-" + target);
        ObjectNode props2 = e.putObject("props");
        props2.put("kind", random.nextBoolean() ? "depends" : "recommends");
        if (random.nextBoolean()) {
          props2.put("constraint", ">= " + random.nextInt(5));
        }
        lines.add(e.toString());
      }
    }
    lines.add(node(json, "Package", "p:pkg-1", "name", "a second listing, not kept").toString());
    Collections.shuffle(lines, random);
    return lines;
  }

  private static ObjectNode node(ObjectMapper json, String label, String id, String key, String value) {
    ObjectNode n = json.createObjectNode();
    n.put("kind", "node").put("label", label).put("id", id);
    n.putObject("props").put(key, value);
    return n;
  }

  private static ObjectNode edge(ObjectMapper json, String type, String source, String target) {
    ObjectNode e = json.createObjectNode();
    e.put("kind", "edge").put("type", type).put("source", source).put("target", target);
    return e;
  }
}
