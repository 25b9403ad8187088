package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.assertBalanced;
import static dev.spillway.spill.SpillTesting.copyCsv;
import static dev.spillway.spill.SpillTesting.counters;
import static dev.spillway.spill.SpillTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.RowCounters;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage one against Postgres itself: the segments, loaded with plain psql, must equal row for row
 * what {@code COPY (FORMAT csv)} of the same files into staging tables followed by the equivalent
 * SQL produces (DISTINCT ON for dedup, joins on natural keys with IS NOT DISTINCT FROM, ids by first
 * appearance through row_number over input order). The corpus is seeded-random with hand-placed
 * edge cases: refs, a composite key holding a ref, a nested ref, dedup, for_each, missing:
 * skip/null/create/reject, a created row whose real row arrives in a later source, NULL versus
 * empty strings, multi-line quoted fields.
 */
@ExtendWith(PgExtension.class)
class SpillEquivalenceTest {
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
          columns: {id: bigint, name: text, version: text, maintainer_id: bigint, installed_kb: integer, description: text}
          id: id
          key: [name]
        upload:
          columns: {id: bigint, package_id: bigint, version: text, size_kb: integer}
          id: id
          key: [package_id, version]
        package_tag:
          columns: {package_id: bigint, tag: text}
          key: [package_id, tag]
        dependency:
          columns: {package_id: bigint, depends_on_id: bigint, kind: text, version_constraint: text, added_by_id: bigint}
          key: [package_id, depends_on_id, kind]
        download:
          columns: {upload_id: bigint, day: date, downloads: integer}
      sources:
        - file: data/uploads.csv
          format: {type: csv, header: true}
          emit:
            - table: upload
              values:
                package_id: {ref: package, key: [$package], missing: create}
                version: $version
                size_kb: $size
        - file: data/packages.csv
          format: {type: csv, header: true}
          emit:
            - table: maintainer
              values: {name: $maintainer, email: $email}
            - table: package
              values:
                name: $package
                version: $version
                maintainer_id: {ref: maintainer, key: [$maintainer]}
                installed_kb: $installed_size
                description: $description
            - table: package_tag
              for_each: {value: $tags, separator: ","}
              values: {package_id: {ref: package, key: [$package]}, tag: $_}
        - file: data/depends.csv
          format: {type: csv, header: true}
          emit:
            - table: dependency
              values:
                package_id: {ref: package, key: [$package]}
                depends_on_id: {ref: package, key: [$depends_on], missing: skip}
                kind: $kind
                version_constraint: $constraint
                added_by_id: {ref: maintainer, key: [$added_by], missing: null}
        - file: data/downloads.csv
          format: {type: csv, header: true}
          emit:
            - table: download
              values:
                upload_id: {ref: upload, key: [{ref: package, key: [$package]}, $version]}
                day: $day
                downloads: $count
      """;

  static final String TARGET_DDL = """
      CREATE TABLE maintainer (id bigint, name text, email text);
      CREATE TABLE package (id bigint, name text, version text, maintainer_id bigint, installed_kb integer, description text);
      CREATE TABLE upload (id bigint, package_id bigint, version text, size_kb integer);
      CREATE TABLE package_tag (package_id bigint, tag text);
      CREATE TABLE dependency (package_id bigint, depends_on_id bigint, kind text, version_constraint text, added_by_id bigint);
      CREATE TABLE download (upload_id bigint, day date, downloads integer);
      CREATE TABLE s_uploads (ord bigserial, package text, version text, size text);
      CREATE TABLE s_packages (ord bigserial, package text, version text, maintainer text, email text,
                               installed_size text, description text, tags text);
      CREATE TABLE s_depends (ord bigserial, package text, depends_on text, kind text, constraint_ text, added_by text);
      CREATE TABLE s_downloads (ord bigserial, package text, version text, day text, count text);
      """;

  /**
   * The equivalent SQL: the expected content of each table, as r_TABLE. Key columns are NOT NULL:
   * a record with a NULL key part (a NULL maintainer name, a NULL upload version, a NULL dependency
   * kind) is rejected whole, creating nothing; a ref whose key has a NULL part is NULL.
   */
  static final String REFERENCE_SQL = """
      CREATE TABLE v_packages AS SELECT * FROM s_packages WHERE maintainer IS NOT NULL;
      CREATE TABLE v_uploads AS SELECT * FROM s_uploads WHERE version IS NOT NULL;
      CREATE TABLE r_maintainer AS
        SELECT row_number() OVER (ORDER BY ord) AS id, name, email
        FROM (SELECT DISTINCT ON (maintainer) maintainer AS name, email, ord FROM v_packages ORDER BY maintainer, ord) d;
      -- package ids: first appearance over uploads (refs creating rows) then packages
      CREATE TABLE r_package_ids AS
        SELECT row_number() OVER (ORDER BY src, ord) AS id, name
        FROM (SELECT DISTINCT ON (name) name, src, ord
              FROM (SELECT package AS name, 1 AS src, ord FROM v_uploads
                    UNION ALL SELECT package, 2, ord FROM v_packages) e
              ORDER BY name, src, ord) f;
      CREATE TABLE r_package AS
        SELECT i.id, p.package AS name, p.version, m.id AS maintainer_id, p.installed_size::integer AS installed_kb,
               p.description
        FROM (SELECT DISTINCT ON (package) * FROM v_packages ORDER BY package, ord) p
        JOIN r_package_ids i ON i.name = p.package
        JOIN r_maintainer m ON m.name = p.maintainer
        UNION ALL
        SELECT i.id, i.name, NULL, NULL, NULL, NULL FROM r_package_ids i
        WHERE NOT EXISTS (SELECT 1 FROM v_packages p WHERE p.package = i.name);
      CREATE TABLE r_upload AS
        SELECT row_number() OVER (ORDER BY u.ord) AS id, i.id AS package_id, u.version, u.size::integer AS size_kb
        FROM (SELECT DISTINCT ON (package, version) * FROM v_uploads ORDER BY package, version, ord) u
        JOIN r_package_ids i ON i.name = u.package;
      CREATE TABLE r_package_tag AS
        SELECT DISTINCT i.id AS package_id, btrim(t.tag) AS tag
        FROM v_packages p JOIN r_package_ids i ON i.name = p.package
        CROSS JOIN LATERAL unnest(string_to_array(p.tags, ',')) AS t(tag)
        WHERE btrim(t.tag) <> '';
      CREATE TABLE r_dependency AS
        SELECT DISTINCT ON (pi.id, di.id, d.kind) pi.id AS package_id, di.id AS depends_on_id, d.kind,
               d.constraint_ AS version_constraint, m.id AS added_by_id
        FROM s_depends d
        JOIN r_package_ids pi ON pi.name = d.package
        JOIN r_package_ids di ON di.name = d.depends_on
        LEFT JOIN r_maintainer m ON m.name = d.added_by
        WHERE d.kind IS NOT NULL
        ORDER BY pi.id, di.id, d.kind, d.ord;
      CREATE TABLE r_download AS
        SELECT u.id AS upload_id, d.day::date AS day, d.count::integer AS downloads
        FROM s_downloads d
        JOIN r_package_ids i ON i.name = d.package
        JOIN r_upload u ON u.package_id = i.id AND u.version = d.version
        UNION ALL
        SELECT NULL, d.day::date, d.count::integer
        FROM s_downloads d JOIN r_package_ids i ON i.name = d.package
        WHERE d.version IS NULL;
      """;

  static final List<String> TABLES = List.of("maintainer", "package", "upload", "package_tag", "dependency", "download");

  @Test
  void segmentsEqualPostgresOwnCopyFollowedByTheEquivalentSql(TestDatabase db) throws Exception {
    Corpus corpus = new Corpus(new Random(20240501));
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", PLAN.formatted(db.schema()));
    Path data = tmp.resolve("in");
    SpillTesting.write(data, "data/uploads.csv", corpus.uploads());
    SpillTesting.write(data, "data/packages.csv", corpus.packages());
    SpillTesting.write(data, "data/depends.csv", corpus.depends());
    SpillTesting.write(data, "data/downloads.csv", corpus.downloads());

    SpillResult result = SpillTesting.spill(SpillOptions.of(plan, tmp.resolve("out")).withMaxSegmentBytes(4096));
    Manifest manifest = result.manifest();
    assertBalanced(manifest);
    assertTrue(manifest.segments().size() > TABLES.size(), "small segments roll: " + manifest.segments().size());
    assertEquals(List.of("maintainer", "package", "upload", "package_tag", "dependency", "download"),
        manifest.tables().stream().map(t -> t.name()).toList(), "load order, parents first");

    for (String statement : TARGET_DDL.split(";")) {
      if (!statement.isBlank()) {
        db.execute(statement);
      }
    }
    SpillTesting.loadWithPsql(db, result);
    copyCsv(db, "s_uploads", "package, version, size", data.resolve("data/uploads.csv"));
    copyCsv(db, "s_packages", "package, version, maintainer, email, installed_size, description, tags",
        data.resolve("data/packages.csv"));
    copyCsv(db, "s_depends", "package, depends_on, kind, constraint_, added_by", data.resolve("data/depends.csv"));
    copyCsv(db, "s_downloads", "package, version, day, count", data.resolve("data/downloads.csv"));
    db.execute(REFERENCE_SQL);

    for (String table : TABLES) {
      assertSameRows(db, table);
    }
    assertCounters(db, manifest);
    assertRejects(db, result);
    assertNullsAndEdgeCases(db);
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

  private static void assertCounters(TestDatabase db, Manifest manifest) throws Exception {
    long packagesRead = Long.parseLong(db.queryOne("SELECT count(*) FROM s_packages"));
    long packagesKept = Long.parseLong(db.queryOne("SELECT count(*) FROM v_packages"));
    long stubs = Long.parseLong(db.queryOne("SELECT count(*) FROM r_package WHERE version IS NULL AND description IS NULL"
        + " AND maintainer_id IS NULL"));
    long distinctPackages = Long.parseLong(db.queryOne("SELECT count(DISTINCT package) FROM v_packages"));
    assertTrue(packagesKept < packagesRead, "the corpus has records with a NULL maintainer key");
    assertEquals(new RowCounters(packagesRead + stubs, distinctPackages + stubs, packagesKept - distinctPackages, 0,
        packagesRead - packagesKept), counters(manifest, "package"),
        "package: every record, plus the created rows never replaced; a NULL maintainer rejects the record");
    long dependsRead = Long.parseLong(db.queryOne("SELECT count(*) FROM s_depends"));
    long missingPackage = Long.parseLong(db.queryOne("SELECT count(*) FROM s_depends d "
        + "WHERE NOT EXISTS (SELECT 1 FROM r_package_ids i WHERE i.name = d.package)"));
    long skipped = Long.parseLong(db.queryOne("SELECT count(*) FROM s_depends d "
        + "WHERE EXISTS (SELECT 1 FROM r_package_ids i WHERE i.name = d.package) "
        + "AND NOT EXISTS (SELECT 1 FROM r_package_ids i WHERE i.name = d.depends_on)"));
    long nullKind = Long.parseLong(db.queryOne("SELECT count(*) FROM s_depends d "
        + "WHERE EXISTS (SELECT 1 FROM r_package_ids i WHERE i.name = d.package) "
        + "AND EXISTS (SELECT 1 FROM r_package_ids i WHERE i.name = d.depends_on) AND d.kind IS NULL"));
    long rejected = missingPackage + nullKind;
    long written = Long.parseLong(db.queryOne("SELECT count(*) FROM r_dependency"));
    assertEquals(new RowCounters(dependsRead, written, dependsRead - written - skipped - rejected, skipped, rejected),
        counters(manifest, "dependency"));
    assertTrue(missingPackage > 0 && skipped > 0 && nullKind > 0, "the corpus exercises reject, skip and NULL keys: "
        + missingPackage + ", " + skipped + ", " + nullKind);
    long tagRows = Long.parseLong(db.queryOne("SELECT count(*) FROM s_packages p "
        + "CROSS JOIN LATERAL unnest(string_to_array(p.tags, ',')) AS t(tag) WHERE btrim(t.tag) <> ''"));
    long withoutTags = Long.parseLong(db.queryOne("SELECT count(*) FROM s_packages p WHERE NOT EXISTS ("
        + "SELECT 1 FROM unnest(string_to_array(p.tags, ',')) AS t(tag) WHERE btrim(t.tag) <> '')"));
    long keptWithoutTags = Long.parseLong(db.queryOne("SELECT count(*) FROM v_packages p WHERE NOT EXISTS ("
        + "SELECT 1 FROM unnest(string_to_array(p.tags, ',')) AS t(tag) WHERE btrim(t.tag) <> '')"));
    assertTrue(keptWithoutTags > 0, "the corpus has records without tags");
    assertEquals(tagRows + withoutTags, counters(manifest, "package_tag").read(),
        "package_tag: one row per for_each element, one row per record without any (skipped, or rejected with its record)");
    assertEquals(keptWithoutTags, counters(manifest, "package_tag").skipped());
    RowCounters source = manifest.sources().get(1).counters();
    assertEquals(List.of(packagesRead, packagesRead - packagesKept, packagesKept),
        List.of(source.read(), source.rejected(), source.written() + source.duplicates() + source.skipped()),
        "records of packages.csv, each counted once: rejected, or kept (written, or all its rows duplicates)");
  }

  private static void assertRejects(TestDatabase db, SpillResult result) throws Exception {
    List<CSVRecord> rejects = SpillTesting.rejects(result);
    long expected = result.manifest().sources().stream().mapToLong(s -> s.counters().rejected()).sum();
    assertEquals(expected, rejects.size(), "one rejects.csv line per rejected record");
    for (CSVRecord r : rejects) {
      assertTrue(r.get("reason").startsWith("missing ref package[") || r.get("reason").startsWith("missing ref upload[")
          || r.get("reason").matches("(package|upload)\\[.*\\] was rejected \\(data/[a-z]+\\.csv line [0-9]+: .*\\)")
          || r.get("reason").matches("natural key column (name of maintainer|version of upload|kind of dependency) is NULL"),
          r.toString());
      assertTrue(List.of("data/uploads.csv", "data/packages.csv", "data/depends.csv", "data/downloads.csv")
          .contains(r.get("source_file")), "source file relative to the plan: " + r);
    }
    CSVRecord first = rejects.stream().filter(r -> r.get("table").equals("dependency")
        && (r.get("reason").startsWith("missing ref package[") || r.get("reason").startsWith("package["))).findFirst()
        .orElseThrow();
    assertEquals("package_id", first.get("column"));
    String line = first.get("line");
    String expectedPackage = query(db, "SELECT package FROM s_depends WHERE ord = (SELECT min(ord) FROM s_depends d "
        + "WHERE NOT EXISTS (SELECT 1 FROM r_package_ids i WHERE i.name = d.package))").get(0).get(0);
    assertEquals(expectedPackage, first.get("raw_value"));
    assertTrue(first.get("reason").equals("missing ref package['" + expectedPackage + "']")
        || first.get("reason").startsWith("package['" + expectedPackage + "'] was rejected (data/packages.csv line "),
        first.get("reason"));
    assertTrue(Long.parseLong(line) >= 2, line);
  }

  private static void assertNullsAndEdgeCases(TestDatabase db) throws Exception {
    assertEquals("0", db.queryOne("SELECT count(*) FROM maintainer WHERE name IS NULL"), "a NULL maintainer key is a reject");
    assertEquals("1", db.queryOne("SELECT count(*) FROM maintainer WHERE name = ''"), "an empty maintainer key, not NULL");
    assertTrue(Long.parseLong(db.queryOne("SELECT count(*) FROM download WHERE upload_id IS NULL")) > 0,
        "a ref whose key has a NULL part is NULL");
    assertTrue(Long.parseLong(db.queryOne("SELECT count(*) FROM package WHERE description IS NULL")) > 0);
    assertTrue(Long.parseLong(db.queryOne("SELECT count(*) FROM package WHERE description = ''")) > 0);
    assertTrue(Long.parseLong(db.queryOne("SELECT count(*) FROM package WHERE description LIKE '%' || chr(10) || '%'"))
        > 0, "multi-line descriptions");
    assertEquals("1", db.queryOne("SELECT min(id) FROM package"));
    assertEquals(db.queryOne("SELECT count(*) FROM package"), db.queryOne("SELECT max(id) FROM package"), "ids 1..n");
    // the first upload's package was created by a ref, and its real row arrived in packages.csv with that id
    assertEquals("1", db.queryOne("SELECT id FROM package WHERE name = 'pkg-late-0'"));
    assertEquals("2.0", db.queryOne("SELECT version FROM package WHERE name = 'pkg-late-0'"));
  }

  /** The seeded-random corpus with hand-placed edge cases. */
  static final class Corpus {
    private final Random random;
    /** Packages created by uploads only, never given a real row. */
    final List<String> stubOnly = new ArrayList<>();
    /** Packages created by uploads whose real row arrives in packages.csv. */
    final List<String> late = new ArrayList<>();
    /** Packages seen first in packages.csv. */
    final List<String> plain = new ArrayList<>();
    final List<String> maintainers = new ArrayList<>();
    /** (package, version) of uploads, for downloads. */
    final List<String[]> uploaded = new ArrayList<>();

    Corpus(Random random) {
      this.random = random;
      for (int i = 0; i < 40; i++) {
        stubOnly.add("pkg-stub-" + i);
        late.add("pkg-late-" + i);
      }
      for (int i = 0; i < 400; i++) {
        plain.add("pkg-" + i);
      }
      for (int i = 0; i < 60; i++) {
        maintainers.add("Maintainer " + i + (i % 7 == 0 ? ", Jr." : ""));
      }
      maintainers.add(null);
      maintainers.add("");
    }

    String uploads() {
      CsvText csv = new CsvText().row("package", "version", "size");
      csv.row("pkg-late-0", "2.0", "10");
      for (int i = 0; i < 400; i++) {
        String pkg = random.nextBoolean() ? pick(stubOnly) : pick(late);
        String version = random.nextInt(10) == 0 ? null : "1." + random.nextInt(4);
        csv.row(pkg, version, String.valueOf(random.nextInt(100_000)));
        uploaded.add(new String[] {pkg, version});
      }
      return csv.toString();
    }

    String packages() {
      CsvText csv = new CsvText().row("package", "version", "maintainer", "email", "installed_size", "description", "tags");
      csv.row("pkg-late-0", "2.0", "Maintainer 1", "m1@example.org", "5", "the real row\nof a created package", "a,b");
      csv.row("pkg-nulls", null, null, null, null, null, null);
      csv.row("pkg-empties", "", "", "", null, "", "");
      List<String> all = new ArrayList<>(plain);
      all.addAll(late);
      for (int i = 0; i < 1500; i++) {
        String maintainer = pick(maintainers);
        csv.row(pick(all), "1." + random.nextInt(9), maintainer, maintainer == null ? null : "x" + i + "@example.org",
            random.nextInt(20) == 0 ? null : String.valueOf(random.nextInt(1_000_000)), description(), tags());
      }
      return csv.toString();
    }

    String depends() {
      CsvText csv = new CsvText().row("package", "depends_on", "kind", "constraint", "added_by");
      List<String> known = new ArrayList<>(plain);
      known.addAll(late);
      known.addAll(stubOnly);
      String[] kinds = {"depends", "recommends", "suggests", null, ""};
      for (int i = 0; i < 1200; i++) {
        String pkg = random.nextInt(25) == 0 ? "unknown-" + random.nextInt(5) : pick(known);
        String on = random.nextInt(15) == 0 ? "gone-" + random.nextInt(5) : pick(known);
        String addedBy = random.nextInt(10) == 0 ? "Nobody " + random.nextInt(3) : pick(maintainers);
        csv.row(pkg, on, kinds[random.nextInt(kinds.length)], random.nextBoolean() ? null : ">= 1." + random.nextInt(3),
            addedBy);
      }
      return csv.toString();
    }

    String downloads() {
      CsvText csv = new CsvText().row("package", "version", "day", "count");
      for (int i = 0; i < 500; i++) {
        String[] u = random.nextInt(12) == 0 ? new String[] {"pkg-stub-0", "9.9"} : uploaded.get(random.nextInt(uploaded.size()));
        if (random.nextInt(20) == 0) {
          u = new String[] {"never-uploaded", "1.0"};
        }
        csv.row(u[0], u[1], "2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9), String.valueOf(random.nextInt(500)));
      }
      return csv.toString();
    }

    private String description() {
      return switch (random.nextInt(8)) {
        case 0 -> null;
        case 1 -> "";
        case 2 -> "line one\nline two, with \"quotes\"\r\nline three";
        case 3 -> "ünïcødé 😀, " + random.nextInt(1000);
        default -> "plain " + random.nextInt(100_000);
      };
    }

    private String tags() {
      return switch (random.nextInt(6)) {
        case 0 -> null;
        case 1 -> "";
        case 2 -> " , ,";
        default -> String.join(",", Arrays.asList("t" + random.nextInt(5), " t" + random.nextInt(5) + " ", "",
            "tag with space"));
      };
    }

    private String pick(List<String> from) {
      return from.get(random.nextInt(from.size()));
    }
  }
}
