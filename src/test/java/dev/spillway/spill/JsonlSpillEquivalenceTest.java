package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.assertBalanced;
import static dev.spillway.spill.SpillTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * A JSON lines source against Postgres itself: the same lines loaded by the server into a
 * {@code json} column and split with SQL ({@code ->>}, {@code json_array_elements}, DISTINCT ON,
 * joins on natural keys, ids by first appearance) must equal the spill's segments loaded with
 * psql. The corpus (seeded) has nested members, arrays of strings and of objects (for_each with
 * {@code $_} and {@code $_.name}), forward refs created by {@code missing: create}, numbers as
 * written, absent members, non-ASCII and escaped strings, and one malformed line in the middle.
 */
@ExtendWith(PgExtension.class)
class JsonlSpillEquivalenceTest {
  @TempDir
  Path tmp;

  static final String PLAN = """
      version: 1
      schema: %s
      tables:
        maintainer:
          columns: {id: bigint, name: text, email: text}
          id: id
          key: [name]
        package:
          columns: {id: bigint, name: text, version: text, maintainer_id: bigint, size: integer, score: numeric,
                    first_tag: text, props: jsonb}
          id: id
          key: [name]
        package_tag:
          columns: {package_id: bigint, tag: text}
          key: [package_id, tag]
        dependency:
          columns: {package_id: bigint, depends_on_id: bigint, version_constraint: text}
          key: [package_id, depends_on_id]
      sources:
        - file: packages.jsonl
          format: {type: jsonl}
          emit:
            - table: maintainer
              values: {name: $.maintainer.name, email: $.maintainer.email}
            - table: package
              values:
                name: $.name
                version: $.version
                maintainer_id: {ref: maintainer, key: [$.maintainer.name]}
                size: $.size
                score: $.score
                first_tag: $.tags[0]
                props: $.props
            - table: package_tag
              for_each: {value: $.tags}
              values: {package_id: {ref: package, key: [$.name]}, tag: $_}
            - table: dependency
              for_each: {value: $.deps}
              values:
                package_id: {ref: package, key: [$.name]}
                depends_on_id: {ref: package, key: [$_.name], missing: create}
                version_constraint: $_.constraint
      """;

  static final String REFERENCE_SQL = """
      CREATE TABLE r_maintainer AS
        SELECT row_number() OVER (ORDER BY ord) AS id, name, email
        FROM (SELECT DISTINCT ON (doc->'maintainer'->>'name') doc->'maintainer'->>'name' AS name,
                     doc->'maintainer'->>'email' AS email, ord
              FROM s ORDER BY doc->'maintainer'->>'name', ord) d;
      -- ids by first appearance: each record's package, then the packages its deps create
      CREATE TABLE r_package_ids AS
        SELECT row_number() OVER (ORDER BY ord, e, i) AS id, name
        FROM (SELECT DISTINCT ON (name) name, ord, e, i
              FROM (SELECT doc->>'name' AS name, ord, 0 AS e, 0::bigint AS i FROM s
                    UNION ALL
                    SELECT d->>'name', ord, 1, i FROM s, json_array_elements(doc->'deps') WITH ORDINALITY AS x(d, i)
                    WHERE json_typeof(doc->'deps') = 'array') a
              ORDER BY name, ord, e, i) b;
      CREATE TABLE r_package AS
        SELECT i.id, s.doc->>'name' AS name, s.doc->>'version' AS version, m.id AS maintainer_id,
               (s.doc->>'size')::integer AS size, (s.doc->>'score')::numeric AS score, s.doc->'tags'->>0 AS first_tag,
               (s.doc->'props')::jsonb AS props
        FROM s JOIN r_package_ids i ON i.name = s.doc->>'name'
        JOIN r_maintainer m ON m.name = s.doc->'maintainer'->>'name'
        UNION ALL
        SELECT i.id, i.name, NULL, NULL, NULL, NULL, NULL, NULL FROM r_package_ids i
        WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.doc->>'name' = i.name);
      CREATE TABLE r_package_tag AS
        SELECT DISTINCT i.id AS package_id, t.tag
        FROM s JOIN r_package_ids i ON i.name = s.doc->>'name'
        CROSS JOIN LATERAL json_array_elements_text(doc->'tags') AS t(tag);
      CREATE TABLE r_dependency AS
        SELECT DISTINCT ON (pi.id, di.id) pi.id AS package_id, di.id AS depends_on_id, x.d->>'constraint' AS version_constraint
        FROM s JOIN r_package_ids pi ON pi.name = s.doc->>'name'
        CROSS JOIN LATERAL json_array_elements(doc->'deps') WITH ORDINALITY AS x(d, i)
        JOIN r_package_ids di ON di.name = x.d->>'name'
        ORDER BY pi.id, di.id, s.ord, x.i;
      """;

  static final List<String> TABLES = List.of("maintainer", "package", "package_tag", "dependency");

  @Test
  void segmentsEqualPostgresOwnLoadOfTheLinesSplitWithSql(TestDatabase db) throws Exception {
    List<String> lines = corpus(new Random(20261206));
    int badLine = lines.size() / 2;
    List<String> withBad = new ArrayList<>(lines);
    withBad.add(badLine, "{\"name\": \"broken\", \"tags\": [\"a\",}");
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", PLAN.formatted(db.schema()));
    SpillTesting.write(tmp, "in/packages.jsonl", String.join("\n", withBad) + "\n");

    SpillResult result = SpillTesting.spill(SpillOptions.of(plan, tmp.resolve("out")).withMaxSegmentBytes(4096));
    assertBalanced(result.manifest());
    List<CSVRecord> rejects = SpillTesting.rejects(result);
    assertEquals(List.of(""), rejects.stream().map(r -> r.get("table")).toList(), "one reject line for the bad record");
    for (CSVRecord r : rejects) {
      assertEquals("packages.jsonl", r.get("source_file"));
      assertEquals(String.valueOf(badLine + 1), r.get("line"));
      assertEquals("malformed JSON: Unexpected character ('}' (code 125)): expected a value (column 33)", r.get("reason"));
    }

    for (String table : TABLES) {
      db.execute(create(table));
    }
    db.execute("CREATE TABLE s (ord bigserial, doc json)");
    try (Connection c = db.connect()) {
      byte[] data = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + db.schema() + ".s (doc) FROM STDIN "
          + "(FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')", new ByteArrayInputStream(data));
    }
    SpillTesting.loadWithPsql(db, result);
    db.execute(REFERENCE_SQL);
    for (String table : TABLES) {
      assertSameRows(db, table);
    }
    assertEquals("0", db.queryOne("SELECT count(*) FROM package WHERE props IS NULL AND name NOT LIKE 'ghost-%' "
        + "AND version IS NOT NULL"), "every real package has its props");
    assertTrue(Long.parseLong(db.queryOne("SELECT count(*) FROM package WHERE name LIKE 'ghost-%'")) > 0, "created stubs");
  }

  private static String create(String table) {
    return switch (table) {
      case "maintainer" -> "CREATE TABLE maintainer (id bigint, name text, email text)";
      case "package" -> "CREATE TABLE package (id bigint, name text, version text, maintainer_id bigint, size integer, "
          + "score numeric, first_tag text, props jsonb)";
      case "package_tag" -> "CREATE TABLE package_tag (package_id bigint, tag text)";
      default -> "CREATE TABLE dependency (package_id bigint, depends_on_id bigint, version_constraint text)";
    };
  }

  private static void assertSameRows(TestDatabase db, String table) throws Exception {
    String count = db.queryOne("SELECT count(*) FROM " + table);
    assertEquals(db.queryOne("SELECT count(*) FROM r_" + table), count, "row count of " + table);
    assertTrue(Long.parseLong(count) > 0, table + " has rows");
    List<List<String>> missing = query(db, "SELECT * FROM r_" + table + " EXCEPT ALL SELECT * FROM " + table + " LIMIT 5");
    List<List<String>> extra = query(db, "SELECT * FROM " + table + " EXCEPT ALL SELECT * FROM r_" + table + " LIMIT 5");
    assertEquals(List.of(), missing, table + ": rows the SQL produces that the spill lacks");
    assertEquals(List.of(), extra, table + ": rows the spill has that the SQL does not produce");
  }

  /** One JSON object per package, written with Jackson (compact) and a few spelled by hand. */
  private static List<String> corpus(Random random) {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    int packages = 300;
    String[] versions = {"1.0", "2.10", "0.9~rc1", "ünï-1"};
    for (int p = 0; p < packages; p++) {
      ObjectNode o = json.createObjectNode();
      o.put("name", "pkg-" + p);
      if (p % 11 != 0) {
        o.put("version", versions[random.nextInt(versions.length)]);
      }
      ObjectNode m = o.putObject("maintainer");
      int mi = random.nextInt(25);
      m.put("name", "Maintainer " + mi + (mi % 5 == 0 ? " \"Jr.\" é" : ""));
      m.put("email", "m" + mi + "@example.org");
      o.put("size", random.nextInt(100_000));
      ArrayNode tags = o.putArray("tags");
      int tagCount = random.nextInt(5);
      for (int t = 0; t < tagCount; t++) {
        tags.add("tag-" + random.nextInt(12));
      }
      ArrayNode deps = o.putArray("deps");
      int depCount = random.nextInt(4);
      for (int d = 0; d < depCount; d++) {
        ObjectNode dep = deps.addObject();
        int target = random.nextInt(packages + 20);
        dep.put("name", target < packages ? "pkg-" + target : "ghost-" + target);
        if (random.nextBoolean()) {
          dep.put("constraint", ">= " + random.nextInt(9) + ".0");
        }
      }
      ObjectNode props = o.putObject("props");
      props.put("homepage", "https://example.org/" + p);
      props.putArray("arch").add("amd64").add(random.nextBoolean() ? "arm64" : "riscv64");
      props.put("essential", random.nextInt(10) == 0);
      props.putNull("origin");
      lines.add(o.toString().replace("\"size\":", "\"score\":" + scores(random) + ",\"size\":"));
    }
    // hand-spelled: escapes, numbers as written, a number where a string is usual, empty and absent arrays
    lines.add("{\"name\":\"pkg-esc\\u00e9\\t\\\"q\\\"\",\"version\":3,\"maintainer\":{\"name\":\"Maintainer 1\",\"email\":null},"
        + "\"size\":7,\"score\":1e2,\"tags\":[\"x\",\"x\",7,\"𝄞\"],\"deps\":[],\"props\":{\"n\":1.50,\"deep\":{\"a\":[[1],{\"b\":null}]}}}");
    lines.add("{\"name\":\"pkg-bare\",\"maintainer\":{\"name\":\"Maintainer 2\"},\"tags\":[],\"props\":{}}");
    return lines;
  }

  private static String scores(Random random) {
    String[] spelled = {"1.50", "0", "-2.25", "1e3", "12345678901234567890.5", "3"};
    return spelled[random.nextInt(spelled.length)];
  }
}
