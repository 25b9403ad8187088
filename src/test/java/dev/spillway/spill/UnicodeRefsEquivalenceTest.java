package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Forward, self and cross-file refs against Postgres itself, on data shaped like the Unicode
 * Character Database: {@code UnicodeData.txt} (15 {@code ;}-separated fields, sorted by code
 * point; simple upper, lower and title case mappings in fields 13-15 pointing earlier, later, at
 * the row itself, or at a code point the file lacks) into a self-referencing {@code character}
 * table, and {@code NameAliases.txt} ({@code code;alias;type}), read <b>first</b>, so that every
 * alias refers forward into the other file. Postgres's own {@code COPY (FORMAT csv, DELIMITER ';')}
 * of the same files into staging tables, then SQL, gives the expected rows: a character is kept
 * unless a mapping points at a code point that is not kept (a recursive CTE: the missing one is
 * rejected, and every character whose mapping points at a rejected one); an empty mapping is NULL.
 * The spill is loaded with COPY into tables without constraints and compared with EXCEPT ALL both
 * ways, ids replaced by the code points they stand for, so a dangling id shows as a difference.
 */
@ExtendWith(PgExtension.class)
class UnicodeRefsEquivalenceTest {
  @TempDir
  Path tmp;

  static final String PLAN = """
      version: 1
      schema: %s
      tables:
        character:
          columns: {id: bigint, code: text, name: text, category: text, upper_id: bigint, lower_id: bigint, title_id: bigint}
          id: id
          key: [code]
        alias:
          columns: {id: bigint, alias: text, type: text, character_id: bigint}
          id: id
          key: [alias]
      sources:
        - file: NameAliases.txt
          format: {type: csv, header: false, delimiter: ";"}
          emit:
            - {table: alias, values: {alias: $2, type: $3, character_id: {ref: character, key: [$1]}}}
        - file: UnicodeData.txt
          format: {type: csv, header: false, delimiter: ";"}
          emit:
            - table: character
              values:
                code: $1
                name: $2
                category: $3
                upper_id: {ref: character, key: [$13]}
                lower_id: {ref: character, key: [$14]}
                title_id: {ref: character, key: [$15]}
      """;

  static final String EXPECTED_SQL = """
      CREATE TABLE r_character AS
        WITH RECURSIVE dropped(code) AS (
          SELECT u.f1 FROM s_ucd u
          WHERE EXISTS (SELECT 1 FROM (VALUES (u.f13), (u.f14), (u.f15)) m(t)
                        WHERE m.t IS NOT NULL AND NOT EXISTS (SELECT 1 FROM s_ucd x WHERE x.f1 = m.t))
          UNION
          SELECT u.f1 FROM s_ucd u JOIN dropped d ON d.code IN (u.f13, u.f14, u.f15)
        )
        SELECT f1 AS code, f2 AS name, f3 AS category, f13 AS upper, f14 AS lower, f15 AS title
        FROM s_ucd WHERE f1 NOT IN (SELECT code FROM dropped);
      CREATE TABLE r_alias AS
        SELECT a.alias, a.type, a.code FROM s_alias a WHERE a.code IN (SELECT code FROM r_character);
      CREATE TABLE a_character AS
        SELECT c.code, c.name, c.category, u.code AS upper, l.code AS lower, t.code AS title
        FROM "character" c
        LEFT JOIN "character" u ON u.id = c.upper_id
        LEFT JOIN "character" l ON l.id = c.lower_id
        LEFT JOIN "character" t ON t.id = c.title_id;
      CREATE TABLE a_alias AS
        SELECT a.alias, a.type, c.code FROM alias a LEFT JOIN "character" c ON c.id = a.character_id;
      """;

  /** A UnicodeData.txt-shaped corpus: letter pairs at random code points, sorted by code point. */
  static String unicodeData(Random random, List<Integer> codes) {
    TreeMap<Integer, String[]> rows = new TreeMap<>();
    List<Integer> free = new ArrayList<>();
    for (int cp = 0x100; cp < 0x100 + 3000; cp++) {
      free.add(cp);
    }
    java.util.Collections.shuffle(free, random);
    int next = 0;
    for (int pair = 0; pair < 1000; pair++) {
      int small = free.get(next++);
      int capital = free.get(next++);
      String s = hex(small);
      String c = hex(capital);
      String[] smallRow = row(s, "LETTER SMALL " + pair, "Ll", c, "", random.nextInt(3) == 0 ? c : "");
      String[] capitalRow = row(c, "LETTER CAPITAL " + pair, "Lu", "", s, random.nextInt(5) == 0 ? c : "");
      if (random.nextInt(40) == 0) {
        smallRow[12] = hex(0x10000 + pair); // a mapping to a code point the file lacks
      }
      rows.put(small, smallRow);
      rows.put(capital, capitalRow);
    }
    for (int i = 0; i < 200; i++) {
      int other = free.get(next++);
      rows.put(other, row(hex(other), "SYMBOL " + i, "So", "", "", ""));
    }
    rows.put(0x0041, row("0041", "<control>", "Cc", "", "", ""));
    codes.addAll(rows.keySet());
    StringBuilder out = new StringBuilder();
    rows.values().forEach(r -> out.append(String.join(";", r)).append('\n'));
    return out.toString();
  }

  private static String[] row(String code, String name, String category, String upper, String lower, String title) {
    return new String[] {code, name, category, "0", "L", "", "", "", "", "N", "", "", upper, lower, title};
  }

  static String hex(int cp) {
    return String.format("%04X", cp);
  }

  static String nameAliases(Random random, List<Integer> codes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      int cp = random.nextInt(25) == 0 ? 0xFFFF0 + i : codes.get(random.nextInt(codes.size()));
      out.append(hex(cp)).append(";ALIAS ").append(i).append(';').append(random.nextBoolean() ? "abbreviation" : "figment")
          .append('\n');
    }
    return out.toString();
  }

  @Test
  void forwardSelfAndCrossFileRefsEqualSqlOverPostgresOwnCopy(TestDatabase db) throws Exception {
    Random random = new Random(34924);
    List<Integer> codes = new ArrayList<>();
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("UnicodeData.txt"), unicodeData(random, codes));
    Files.writeString(in.resolve("NameAliases.txt"), nameAliases(random, codes));
    Path plan = SpillTesting.write(in, "plan.yaml", PLAN.formatted(db.schema()));
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    SpillTesting.assertBalanced(result.manifest());

    db.execute("CREATE TABLE \"character\" (id bigint, code text, name text, category text, upper_id bigint, "
        + "lower_id bigint, title_id bigint)");
    db.execute("CREATE TABLE alias (id bigint, alias text, type text, character_id bigint)");
    SpillTesting.loadWithCopy(db, result);
    StringBuilder fields = new StringBuilder();
    for (int i = 1; i <= 15; i++) {
      fields.append(i > 1 ? ", " : "").append('f').append(i).append(" text");
    }
    db.execute("CREATE TABLE s_ucd (ord bigserial, " + fields + ")");
    db.execute("CREATE TABLE s_alias (ord bigserial, code text, alias text, type text)");
    copy(db, "s_ucd (" + fields.toString().replace(" text", "") + ")", in.resolve("UnicodeData.txt"));
    copy(db, "s_alias (code, alias, type)", in.resolve("NameAliases.txt"));
    db.execute(EXPECTED_SQL);

    for (String t : List.of("character", "alias")) {
      assertEquals(List.of(), query(db, "SELECT * FROM r_" + t + " EXCEPT ALL SELECT * FROM a_" + t + " LIMIT 5"),
          t + ": rows the SQL gives that the spill lacks");
      assertEquals(List.of(), query(db, "SELECT * FROM a_" + t + " EXCEPT ALL SELECT * FROM r_" + t + " LIMIT 5"),
          t + ": rows the spill has that the SQL does not give");
    }
    long kept = Long.parseLong(db.queryOne("SELECT count(*) FROM r_character"));
    long all = Long.parseLong(db.queryOne("SELECT count(*) FROM s_ucd"));
    long forwardMappings = Long.parseLong(db.queryOne("SELECT count(*) FROM s_ucd u JOIN s_ucd m ON m.f1 IN (u.f13, u.f14) "
        + "AND m.ord > u.ord"));
    assertTrue(forwardMappings > 500 && kept < all - 20 && kept > all / 2,
        "the corpus has forward mappings and cascading rejects: " + forwardMappings + ", kept " + kept + " of " + all);
    assertEquals("0", db.queryOne("SELECT count(*) FROM (SELECT id FROM \"character\" GROUP BY id HAVING count(*) > 1) d"),
        "ids are unique");
    long rejectedAliases = Long.parseLong(db.queryOne("SELECT count(*) FROM s_alias")) - Long.parseLong(
        db.queryOne("SELECT count(*) FROM r_alias"));
    assertEquals(all - kept + rejectedAliases, result.rejectCount(), "one rejects.csv line per rejected record");
  }

  private static void copy(TestDatabase db, String target, Path file) throws Exception {
    try (Connection c = db.connect(); InputStream in = Files.newInputStream(file)) {
      new CopyManager(c.unwrap(BaseConnection.class)).copyIn("COPY " + target
          + " FROM STDIN (FORMAT csv, DELIMITER ';')", in);
    }
  }
}
