package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.assertBalanced;
import static dev.spillway.spill.SpillTesting.copyCsv;
import static dev.spillway.spill.SpillTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.RowCounters;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The plan language of issue 17 on real-shaped files, against Postgres itself: tzdata's
 * {@code iso3166.tab} and {@code zone1970.tab} (comment lines, a ragged optional 4th column,
 * for_each with {@code $#}), a {@code UnicodeData.txt}-shaped file (skipped banner lines, extra
 * fields ignored, hex code points through parse_int, decompositions split in order with repeats
 * kept by position) and a polymorphic graph-node file split by {@code when:}. Every key of the
 * issue is used. The oracle: each file COPYed by Postgres (raw lines, or COPY csv for the node
 * file) and the expected rows computed in SQL, EXCEPT ALL both ways against the loaded tables.
 */
@ExtendWith(PgExtension.class)
class RealFilesEquivalenceTest {
  @TempDir
  Path tmp;

  static final String PLAN = """
      version: 1
      schema: %s
      tables:
        country: {columns: {id: integer, code: text, name: text}, id: id, key: [code], not_null: [name]}
        zone:
          columns: {id: integer, name: text, area: text, latitude: text, longitude: text, comment: text}
          id: id
          key: [name]
          not_null: [area]
          defaults: {comment: "-"}
        zone_country:
          columns: {zone_id: integer, country_id: integer, position: integer}
          key: [zone_id, country_id]
          not_null: [position]
        ucd_char:
          columns: {id: bigint, cp: integer, name: text, category: text, major: text, lower_cp: integer, label: text}
          id: id
          key: [cp]
          not_null: [category]
        ucd_decomp:
          columns: {char_id: bigint, position: integer, part_cp: integer, compat: text}
          key: [char_id, position]
        node_file: {columns: {key: text, name: text, size: bigint, created: date}, key: [key]}
        node_dir: {columns: {key: text, name: text, modified: timestamp}, key: [key]}
        node_other: {columns: {key: text, label: text, tag: text, sigil: text}, defaults: {sigil: "$$none"}}
      sources:
        - file: iso3166.tab
          format: {type: tsv, comment: "#"}
          emit:
            - {table: country, values: {code: $1, name: {trim: $2}}}
        - file: zone1970.tab
          format: {type: tsv, comment: "#", missing_fields: null}
          emit:
            - table: zone
              values:
                name: $3
                area: {split_part: [$3, /, 1]}
                latitude: {extract: [$2, "^([+-][0-9]+)"]}
                longitude: {extract: [$2, "^[+-][0-9]+([+-][0-9]+)$"]}
                comment: $4
            - table: zone_country
              for_each: {value: $1, separator: ","}
              values: {zone_id: {ref: zone, key: [$3]}, country_id: {ref: country, key: [$_]}, position: $#}
        - file: UnicodeData.txt
          format: {type: csv, delimiter: ";", quote: null, skip_lines: 2, extra_fields: ignore}
          emit:
            - table: ucd_char
              when: {not: {eq: [$3, Cs]}}
              values:
                cp: {parse_int: [$1, 16]}
                name: $2
                category: $3
                major: {upper: {extract: [$3, "^(.)"]}}
                lower_cp: {parse_int: [$14, 16]}
                label: {concat: ["$$", {lower: $2}]}
            - table: ucd_decomp
              when: {all: [{not_null: $6}, {ne: [$3, Cs]}, {matches: [$1, "[0-9A-F]{4,6}"]}]}
              for_each: {value: {replace: [$6, "^<[^>]+> ", ""]}, separator: " "}
              values:
                char_id: {ref: ucd_char, key: [{parse_int: [$1, 16]}]}
                position: $#
                part_cp: {parse_int: [$_, 16]}
                compat: {extract: [$6, "^<([^>]+)>"]}
        - file: nodes.csv
          format: {type: csv, header: true}
          emit:
            - table: node_file
              when: {eq: [{lower: $label}, file]}
              values: {key: $key, name: {trim: $name}, size: {parse_int: $size}, created: {to_date: [$created, dd/MM/yyyy]}}
            - table: node_dir
              when: {in: [$label, [dir, folder]]}
              values:
                key: $key
                name: {coalesce: [$name, {nullif: [$key, ""]}]}
                modified: {to_timestamp: [$created, "dd/MM/yyyy HH:mm"]}
            - table: node_other
              when: {all: [{not_null: $label}, {not: {any: [{eq: [{lower: $label}, file]}, {in: [$label, [dir, folder]]}]}}]}
              values: {key: $key, label: $label, tag: {extract: [$name, "#(\\\\w+)"]}}
            - table: node_other
              when: {is_null: $label}
              values: {key: $key, label: "(none)", tag: {extract: [$name, "#(\\\\w+)"]}, sigil: "$$"}
      """;

  /** The expected rows, computed by Postgres from its own COPY of each file. */
  static final String REFERENCE_SQL = """
      CREATE FUNCTION pg_temp.hex(h text) RETURNS integer IMMUTABLE LANGUAGE sql
        AS $$ SELECT ('x' || lpad(h, 8, '0'))::bit(32)::integer $$;
      CREATE TABLE iso_f AS SELECT n, string_to_array(line, E'\\t') AS f FROM raw_iso WHERE line NOT LIKE '#%';
      CREATE TABLE zone_f AS SELECT n, string_to_array(line, E'\\t') AS f FROM raw_zone WHERE line NOT LIKE '#%';
      CREATE TABLE ucd_f AS SELECT n, string_to_array(line, ';') AS f FROM raw_ucd WHERE n > 2;
      CREATE TABLE r_country AS SELECT f[1] AS code, btrim(f[2]) AS name FROM iso_f;
      CREATE TABLE r_zone AS SELECT f[3] AS name, split_part(f[3], '/', 1) AS area,
          substring(f[2] from '^([+-][0-9]+)') AS latitude, substring(f[2] from '^[+-][0-9]+([+-][0-9]+)$') AS longitude,
          coalesce(f[4], '-') AS comment FROM zone_f;
      CREATE TABLE r_zone_country AS SELECT f[3] AS zone, u.code, u.ord::integer AS position
          FROM zone_f, unnest(string_to_array(f[1], ',')) WITH ORDINALITY AS u(code, ord);
      -- well-formed: at least the 14 fields the plan reads; a code point that is not hex is a reject
      CREATE TABLE ucd_ok AS SELECT n, f FROM ucd_f WHERE array_length(f, 1) >= 14;
      CREATE TABLE r_ucd_char AS SELECT pg_temp.hex(f[1]) AS cp, f[2] AS name, f[3] AS category,
          upper(substring(f[3] from '^(.)')) AS major, pg_temp.hex(nullif(f[14], '')) AS lower_cp, '$' || lower(f[2]) AS label
          FROM ucd_ok WHERE f[3] IS DISTINCT FROM 'Cs' AND f[3] <> '' AND f[1] ~ '^[0-9A-F]+$';
      CREATE TABLE r_ucd_decomp AS SELECT pg_temp.hex(f[1]) AS cp, p.ord::integer AS position, pg_temp.hex(p.part) AS part_cp,
          substring(f[6] from '^<([^>]+)>') AS compat
          FROM ucd_ok, unnest(string_to_array(regexp_replace(f[6], '^<[^>]+> ', ''), ' ')) WITH ORDINALITY AS p(part, ord)
          WHERE f[6] <> '' AND f[3] <> 'Cs' AND f[1] ~ '^[0-9A-F]{4,6}$' AND f[3] <> '';
      CREATE TABLE r_node_file AS SELECT key, btrim(name) AS name, size::bigint AS size, to_date(created, 'DD/MM/YYYY') AS created
          FROM s_nodes WHERE lower(label) = 'file' AND size ~ '^[0-9]+$';
      CREATE TABLE r_node_dir AS SELECT key, coalesce(name, nullif(key, '')) AS name,
          to_timestamp(created, 'DD/MM/YYYY HH24:MI')::timestamp AS modified
          FROM s_nodes WHERE label IN ('dir', 'folder') AND created !~ '^3[2-9]';
      CREATE TABLE r_node_other AS
          SELECT key, label, substring(name from '#(\\w+)') AS tag, '$none' AS sigil FROM s_nodes
            WHERE label IS NOT NULL AND lower(label) <> 'file' AND label NOT IN ('dir', 'folder')
          UNION ALL
          SELECT key, '(none)', substring(name from '#(\\w+)'), '$' FROM s_nodes WHERE label IS NULL;
      """;

  static final List<String> COMPARISONS = List.of(
      "r_country|SELECT code, name FROM country",
      "r_zone|SELECT name, area, latitude, longitude, comment FROM zone",
      "r_zone_country|SELECT z.name, c.code, zc.position FROM zone_country zc JOIN zone z ON z.id = zc.zone_id"
          + " JOIN country c ON c.id = zc.country_id",
      "r_ucd_char|SELECT cp, name, category, major, lower_cp, label FROM ucd_char",
      "r_ucd_decomp|SELECT c.cp, d.position, d.part_cp, d.compat FROM ucd_decomp d JOIN ucd_char c ON c.id = d.char_id",
      "r_node_file|SELECT key, name, size, created FROM node_file",
      "r_node_dir|SELECT key, name, modified FROM node_dir",
      "r_node_other|SELECT key, label, tag, sigil FROM node_other");

  @Test
  void loadedTablesEqualSqlOverPostgresOwnCopy(TestDatabase db) throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    Path tzdir = Files.isReadable(Path.of("/usr/share/zoneinfo/zone1970.tab")) ? Path.of("/usr/share/zoneinfo") : null;
    for (String name : List.of("iso3166.tab", "zone1970.tab")) {
      copyResource("tz/" + name, tzdir == null ? null : tzdir.resolve(name), in.resolve(name));
    }
    copyResource("realfiles/UnicodeData.txt", null, in.resolve("UnicodeData.txt"));
    copyResource("realfiles/nodes.csv", null, in.resolve("nodes.csv"));
    Path plan = SpillTesting.write(in, "plan.yaml", PLAN.formatted(db.schema()));

    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    Manifest manifest = result.manifest();
    assertBalanced(manifest);
    db.execute(createTables());
    SpillTesting.loadWithCopy(db, result);

    for (String raw : List.of("raw_iso|iso3166.tab", "raw_zone|zone1970.tab", "raw_ucd|UnicodeData.txt")) {
      String[] p = raw.split("\\|");
      db.execute("CREATE TABLE " + p[0] + " (n serial, line text)");
      copyLines(db, p[0], in.resolve(p[1]));
    }
    db.execute("CREATE TABLE s_nodes (label text, key text, name text, size text, created text)");
    copyCsv(db, "s_nodes", "label, key, name, size, created", in.resolve("nodes.csv"));
    db.execute(REFERENCE_SQL);

    for (String comparison : COMPARISONS) {
      String[] p = comparison.split("\\|");
      assertSameRows(db, p[0], p[1]);
    }
    assertCommentsAreSkippedRecords(manifest, in);
    assertRejects(result);
  }

  private static String createTables() {
    return """
        CREATE TABLE country (id integer, code text, name text NOT NULL);
        CREATE TABLE zone (id integer, name text, area text NOT NULL, latitude text, longitude text, comment text);
        CREATE TABLE zone_country (zone_id integer, country_id integer, position integer NOT NULL);
        CREATE TABLE ucd_char (id bigint, cp integer, name text, category text NOT NULL, major text, lower_cp integer, label text);
        CREATE TABLE ucd_decomp (char_id bigint, position integer, part_cp integer, compat text);
        CREATE TABLE node_file (key text, name text, size bigint, created date);
        CREATE TABLE node_dir (key text, name text, modified timestamp);
        CREATE TABLE node_other (key text, label text, tag text, sigil text);
        """;
  }

  private void copyResource(String resource, Path preferred, Path target) throws Exception {
    if (preferred != null) {
      Files.copy(preferred, target);
      return;
    }
    try (InputStream res = getClass().getResourceAsStream(resource)) {
      Files.copy(res, target);
    }
  }

  /** Each line of {@code file} as one text value, as Postgres's COPY reads it (no delimiter or quote can occur). */
  private static void copyLines(TestDatabase db, String table, Path file) throws Exception {
    try (Connection c = db.connect(); InputStream in = Files.newInputStream(file)) {
      new CopyManager(c.unwrap(BaseConnection.class)).copyIn("COPY " + table
          + " (line) FROM STDIN (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')", in);
    }
  }

  private static void assertSameRows(TestDatabase db, String expected, String actual) throws Exception {
    long rows = Long.parseLong(db.queryOne("SELECT count(*) FROM " + expected));
    assertTrue(rows > 0, expected + " has rows");
    assertEquals(List.of(), query(db, "SELECT * FROM " + expected + " EXCEPT ALL (" + actual + ") LIMIT 5"),
        expected + ": rows the SQL produces that the spill lacks");
    assertEquals(List.of(), query(db, "(" + actual + ") EXCEPT ALL SELECT * FROM " + expected + " LIMIT 5"),
        expected + ": rows the spill has that the SQL does not produce");
  }

  private static void assertCommentsAreSkippedRecords(Manifest manifest, Path in) throws Exception {
    List<String> lines = Files.readAllLines(in.resolve("iso3166.tab"), StandardCharsets.UTF_8);
    long comments = lines.stream().filter(l -> l.startsWith("#")).count();
    long data = lines.size() - comments;
    assertTrue(comments > 10, "the file has comment lines: " + comments);
    assertEquals(new RowCounters(comments + data, data, 0, comments, 0), manifest.sources().get(0).counters(),
        "iso3166.tab: each comment line one record read and skipped, each country written");
    assertEquals(new RowCounters(data, data, 0, 0, 0), SpillTesting.counters(manifest, "country"), "comments produce no rows");
    List<String> ucd = Files.readAllLines(in.resolve("UnicodeData.txt"), StandardCharsets.UTF_8);
    assertEquals(ucd.size() - 2, manifest.sources().get(2).counters().read(), "skip_lines are not records");
    assertEquals(List.of("category"), manifest.table("ucd_char").orElseThrow().notNullColumns(), "not_null in the manifest");
  }

  private static void assertRejects(SpillResult result) throws Exception {
    List<String> rejects = SpillTesting.rejects(result).stream()
        .map(r -> r.get("table") + "." + r.get("column") + ": " + r.get("reason").replaceAll(":.*", ""))
        .sorted().collect(Collectors.toList());
    assertEquals(List.of(
        ".: wrong number of fields", // one line for the record: its source emits into ucd_char and ucd_decomp
        "node_dir.modified: to_timestamp",
        "node_file.size: parse_int",
        "ucd_char.category: null value in column \"category\" violates not-null constraint (not_null)",
        "ucd_char.cp: parse_int"), rejects);
    CSVRecord nullCategory = SpillTesting.rejects(result).stream().filter(r -> r.get("column").equals("category")).findFirst()
        .orElseThrow();
    assertEquals("UnicodeData.txt", Path.of(nullCategory.get("source_file")).getFileName().toString());
  }
}
