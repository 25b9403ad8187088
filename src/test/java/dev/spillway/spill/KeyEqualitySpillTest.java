package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stage one's natural keys are equal exactly when the server's unique index says so, for every
 * type a key column can have: a table keyed by a column of that type gets one line per spelling
 * ({@code on_duplicate: first}), a second table refs it with every spelling in reverse order. The
 * server is the judge: the rows written must be one per class of spellings it calls equal
 * ({@code count(DISTINCT v::T)}), the segments must load under a unique key on the column, and
 * every ref must point at the row the server calls equal to its spelling. The row keeps the value
 * as written (the first spelling), only the key is normalised.
 */
@ExtendWith(PgExtension.class)
class KeyEqualitySpillTest {
  @TempDir
  Path tmp;

  /** Per key type: spellings, some the server calls equal although they print differently, some not. */
  static final Map<String, List<String>> SPELLINGS = new LinkedHashMap<>();

  static {
    SPELLINGS.put("numeric", List.of("100.50", "100.5", "100.500", "1.005e2", "100", "100.0", "1e2", "0", "-0", "0.000",
        "NaN", "nan", "-1.10", "-1.1"));
    SPELLINGS.put("numeric(6,2)", List.of("100.5", "100.50", "100.499", "-0", "0.001", "1"));
    SPELLINGS.put("double precision", List.of("0", "-0", "0.0", "NaN", "-NaN", "1", "1.0", "1e0", "0.1", "0.10"));
    SPELLINGS.put("real", List.of("0", "-0", "NaN", "1.5", "1.50", "16777217", "16777216"));
    SPELLINGS.put("interval", List.of("1 mon", "30 days", "720:00:00", "1 day", "24:00:00", "0", "-1 day 24:00:00",
        "1 year", "360 days", "12 mons", "30 days 00:00:00.000001", "1 mon 00:00:00.000001", "P1M"));
    SPELLINGS.put("jsonb", List.of("{\"a\": 1.0}", "{\"a\":1}", "[1e2]", "[100]", "[100.00]", "{\"b\":1,\"a\":2}",
        "{\"a\":2,\"b\":1.0}", "\"1\"", "1"));
    SPELLINGS.put("integer", List.of("1", "01", "+1", " 1 ", "-0", "0", "2"));
    SPELLINGS.put("smallint", List.of("7", "007", "-7"));
    SPELLINGS.put("bigint", List.of("9223372036854775807", "+9223372036854775807", "1"));
    SPELLINGS.put("text", List.of("a", "a ", "A", "é", "e\u0301", ""));
    SPELLINGS.put("varchar(3)", List.of("ab", "ab ", "ab    ", "AB"));
    SPELLINGS.put("char(3)", List.of("a", "a ", "a  ", " a", ""));
    SPELLINGS.put("boolean", List.of("t", "true", "yes", "on", "1", "f", "no"));
    SPELLINGS.put("bytea", List.of("\\x41", "A", "\\101", "\\x61"));
    SPELLINGS.put("date", List.of("2024-01-02", "20240102", "2024-1-2", "2024-01-03", "infinity"));
    SPELLINGS.put("time", List.of("24:00", "00:00", "00:00:00", "12:00", "12:00:00.0000001", "12:00:00.000001"));
    SPELLINGS.put("timestamp", List.of("2024-01-02 03:04:05", "2024-01-02T03:04:05", "2024-01-02 03:04:05.0000001",
        "2024-01-02 03:04:06"));
    SPELLINGS.put("timestamptz", List.of("2024-01-01 00:00+02", "2023-12-31 22:00Z", "2023-12-31 23:30:00+01:30",
        "2024-01-01 00:00Z"));
    SPELLINGS.put("uuid", List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
        "{a0eebc999c0b4ef8bb6d6bb9bd380a11}", "00000000-0000-0000-0000-000000000000"));
    SPELLINGS.put("inet", List.of("10.0.0.1/32", "10.0.0.1", "10.0.0.1/8", "::ffff:10.0.0.1", "::ffff:a00:1",
        "2001:db8::1", "2001:DB8:0:0::1/128"));
    SPELLINGS.put("numeric[]", List.of("{1.0,2}", "{1,2.00}", "{-0}", "{0}", "{NULL}", "{NULL,1}", "{NULL,1.0}", "{}"));
    SPELLINGS.put("double precision[]", List.of("{-0}", "{0}", "{NaN}", "{-NaN}"));
    SPELLINGS.put("interval[]", List.of("{\"1 mon\"}", "{\"30 days\"}", "{720:00:00}"));
    SPELLINGS.put("text[]", List.of("{a,b}", "{\"a\",\"b\"}", "{\"a,b\"}", "{NULL}", "{\"NULL\"}"));
    SPELLINGS.put("integer[]", List.of("{1,2}", "{01,+2}", "{2,1}"));
    SPELLINGS.put("jsonb[]", List.of("{\"[1.0]\"}", "{\"[1]\"}"));
  }

  static Stream<Arguments> types() {
    return SPELLINGS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  private static String plan(String type) {
    return """
        version: 1
        tables:
          k:
            columns:
              id: bigint
              v: '%1$s'
            id: id
            key: [v]
            on_duplicate: first
          r:
            columns:
              line: integer
              k_id: bigint
        sources:
          - file: k.csv
            format: {header: true}
            emit: [{table: k, values: {v: $v}}]
          - file: r.csv
            format: {header: true}
            emit: [{table: r, values: {line: $line, k_id: {ref: k, key: [$v], missing: reject}}}]
        """.formatted(type);
  }

  /** A CSV field that is never NULL: always quoted, quotes doubled. */
  private static String quoted(String field) {
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void oneRowPerValueTheServerCallsDistinctAndEveryRefFindsIt(String type, List<String> spellings, TestDatabase db)
      throws Exception {
    Path in = tmp.resolve("in");
    Path plan = SpillTesting.write(in, "plan.yaml", plan(type));
    StringBuilder k = new StringBuilder("v\n");
    StringBuilder r = new StringBuilder("line,v\n");
    for (int i = 0; i < spellings.size(); i++) {
      k.append(quoted(spellings.get(i))).append('\n');
      String back = spellings.get(spellings.size() - 1 - i);
      r.append(i).append(',').append(quoted(back)).append('\n');
    }
    SpillTesting.write(in, "k.csv", k.toString());
    SpillTesting.write(in, "r.csv", r.toString());
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));

    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute("CREATE TABLE spellings (i int, v text)");
      for (int i = 0; i < spellings.size(); i++) {
        s.execute("INSERT INTO spellings VALUES (" + i + ", " + literal(spellings.get(i)) + ")");
      }
      s.execute("CREATE TABLE k (id bigint PRIMARY KEY, v " + type + " NOT NULL UNIQUE)");
      s.execute("CREATE TABLE r (line integer, k_id bigint REFERENCES k)");
    }
    SpillTesting.loadWithCopy(db, result); // the unique key on v refuses a split key
    assertEquals(List.of(), SpillTesting.rejects(result).stream().map(rec -> rec.toList()).toList(), type + ": rejects");
    assertEquals(SpillTesting.query(db, "SELECT count(DISTINCT v::" + type + ") FROM spellings"),
        SpillTesting.query(db, "SELECT count(*) FROM k"), type + ": one row per value the server calls distinct");
    assertEquals(List.of(), SpillTesting.query(db, "SELECT r.line, s.v, k.v::text FROM r JOIN spellings s ON s.i = "
        + (spellings.size() - 1) + " - r.line JOIN k ON k.id = r.k_id WHERE k.v IS DISTINCT FROM s.v::" + type
        + " ORDER BY 1"), type + ": refs pointing at a row the server calls different");
    assertEquals(List.of(List.of(Integer.toString(spellings.size()))), SpillTesting.query(db,
        "SELECT count(k_id) FROM r"), type + ": every ref resolved");
    assertEquals(List.of(), SpillTesting.query(db, "SELECT s.v FROM spellings s WHERE s.i = (SELECT min(t.i) FROM"
        + " spellings t WHERE t.v::" + type + " = s.v::" + type + ") AND NOT EXISTS (SELECT FROM k WHERE k.v::text ="
        + " s.v::" + type + "::text)"), type + ": the first spelling of each value is the row kept, as written");
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** The finding's case: the row keeps the scale it was written with; refs written another way find it. */
  @Test
  void aNumericKeyKeepsItsWrittenScaleInTheRow(TestDatabase db) throws Exception {
    Path in = tmp.resolve("in");
    Path plan = SpillTesting.write(in, "plan.yaml", """
        version: 1
        tables:
          product: {columns: {id: bigint, sku: numeric, name: text}, id: id, key: [sku], on_duplicate: first}
          sale: {columns: {sale_no: integer, product_id: bigint}}
        sources:
          - file: product.csv
            format: {header: true}
            emit: [{table: product, values: {sku: $sku, name: $name}}]
          - file: sale.csv
            format: {header: true}
            emit: [{table: sale, values: {sale_no: $n, product_id: {ref: product, key: [$sku], missing: "null"}}}]
        """);
    SpillTesting.write(in, "product.csv", "sku,name\n100.50,Widget\n100.5,Widget again\n");
    SpillTesting.write(in, "sale.csv", "n,sku\n1,100.50\n2,100.5\n3,100.500\n");
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    List<Object[]> products = SegmentRows.read(result, "product");
    assertEquals(1, products.size());
    assertEquals(new BigDecimal("100.50"), products.get(0)[1]);
    assertEquals(List.of(1L, 1L, 1L), SegmentRows.read(result, "sale").stream().map(row -> row[1]).toList());
    assertEquals(1, SpillTesting.counters(result.manifest(), "product").duplicates());
  }
}
