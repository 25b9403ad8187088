package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed Java values handed to {@link SpillWriter#record} load as the same values as their text
 * forms: each row goes in three ways, as Java values from code, as text from code, and as text
 * cast by the server's own input functions in an INSERT; the three tables must hold the same rows
 * (compared by the server, EXCEPT both ways). Values cover every supported class, each in its own
 * column type and in some it does not fit (a Long into text and numeric, an Integer into bigint, a
 * LocalDateTime finer than a microsecond, which the server rounds).
 */
@ExtendWith(PgExtension.class)
class TypedValuesTest {
  @TempDir
  Path tmp;

  private static final List<String> COLUMNS = List.of("k", "b", "s", "i", "l", "n", "n2", "d", "r", "dt", "ts", "tz", "u",
      "by", "t", "lt", "ln", "ib");
  private static final String TYPES = "{k: bigint, b: boolean, s: smallint, i: integer, l: bigint, n: numeric, "
      + "n2: \"numeric(8,2)\", d: double precision, r: real, dt: date, ts: timestamp, tz: timestamptz, u: uuid, by: bytea, "
      + "t: text, lt: text, ln: numeric, ib: bigint}";

  @Test
  void typedValuesLoadAsTheirTextFormsAndAsTheServerReadsThatText(TestDatabase db) throws Exception {
    List<Object[]> rows = List.of(
        row(1L, true, (short) 7, 42, Long.MAX_VALUE, new BigDecimal("123.4500"), new BigDecimal("3.14159"), 0.1, 1.5f,
            LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
            Instant.parse("2024-01-02T03:04:05.000001Z"), UUID.fromString("0e5c5d2a-7c59-4c1e-9f5e-2b7a3c4d5e6f"),
            new byte[] {0, 1, (byte) 0xff}, "plain", 42L, 99L, 5),
        row(2L, false, (short) -32768, Integer.MIN_VALUE, Long.MIN_VALUE, new BigDecimal("-1E+5"), new BigDecimal("-0.005"),
            -0.0, Float.MIN_VALUE, LocalDate.of(-44, 3, 15), LocalDateTime.of(1, 1, 1, 0, 0, 0, 999_999_500),
            OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)), UUID.randomUUID(), new byte[0],
            "", -1L, 0L, -7),
        row(3L, null, null, null, null, null, null, Double.NaN, Float.NEGATIVE_INFINITY, null,
            LocalDateTime.of(2000, 12, 31, 23, 59, 59, 1), Instant.parse("1970-01-01T00:00:00Z"), null, null,
            "ünï \"q\", \\N", Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE));

    String plan = "version: 1\nschema: " + db.schema() + "\ntables:\n"
        + "  typed: {columns: " + TYPES + ", key: [k]}\n"
        + "  texts: {columns: " + TYPES + ", key: [k]}\n"
        + "sources:\n"
        + "  - name: typed\n    emit: [{table: typed, values: " + values() + "}]\n"
        + "  - name: texts\n    emit: [{table: texts, values: " + values() + "}]\n";
    try (SpillWriter w = Spillway.spill(Plan.parse(plan, tmp.resolve("plan.yaml")), tmp.resolve("spill"), SpillSettings.defaults())) {
      for (Object[] row : rows) {
        w.record("typed", asMap(row));
        w.record("texts", asMap(Arrays.stream(row).map(TypedValuesTest::text).toArray()));
      }
      SpillResult result = w.finish();
      assertEquals(0, result.rejectCount(), () -> read(result.directory().resolve("rejects.csv")));
    }
    LoadResult loaded = Spillway.load(tmp.resolve("spill"), db.cliUrl(), LoadSettings.defaults().createTables(true));
    assertEquals(rows.size(), loaded.table("typed").rows());
    assertEquals(rows.size(), loaded.table("texts").rows());

    db.execute("CREATE TABLE server (LIKE texts)");
    String placeholders = String.join(", ", COLUMNS.stream().map(c -> "?::" + serverType(c)).toList());
    try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO server VALUES (" + placeholders + ")")) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          insert.setString(i + 1, text(row[i]));
        }
        insert.executeUpdate();
      }
    }
    for (String[] pair : new String[][] {{"typed", "texts"}, {"texts", "typed"}, {"typed", "server"}, {"server", "typed"}}) {
      String differing = db.queryOne("SELECT count(*) FROM (SELECT * FROM " + pair[0] + " EXCEPT SELECT * FROM " + pair[1] + ") x");
      assertEquals("0", differing, pair[0] + " rows missing from " + pair[1] + ": "
          + db.queryOne("SELECT string_agg(x::text, ' | ') FROM (SELECT * FROM " + pair[0] + " EXCEPT SELECT * FROM " + pair[1] + ") x"));
    }
    assertEquals("2024-01-02 03:04:05.123456", db.queryOne("SELECT ts::text FROM typed WHERE k = 1"));
    assertEquals("0001-01-01 00:00:01", db.queryOne("SELECT ts::text FROM typed WHERE k = 2"), "rounded up as the server rounds");
    assertEquals("3.14", db.queryOne("SELECT n2::text FROM typed WHERE k = 1"));
    assertEquals("42", db.queryOne("SELECT lt FROM typed WHERE k = 1"));
    assertTrue(db.queryOne("SELECT d::text FROM typed WHERE k = 3").equals("NaN"));
  }

  /** Java's own text of a value, as a program would write it: toString, bytea hex; null stays null. */
  private static String text(Object value) {
    if (value instanceof byte[] bytes) {
      StringBuilder hex = new StringBuilder("\\x");
      for (byte b : bytes) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof LocalDate d && d.getYear() <= 0) {
      return String.format("%04d-%02d-%02d BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }
    return value == null ? null : value.toString();
  }

  private static String serverType(String column) {
    return switch (column) {
      case "k", "l", "ib" -> "bigint";
      case "b" -> "boolean";
      case "s" -> "smallint";
      case "i" -> "integer";
      case "n", "ln" -> "numeric";
      case "n2" -> "numeric(8,2)";
      case "d" -> "double precision";
      case "r" -> "real";
      case "dt" -> "date";
      case "ts" -> "timestamp";
      case "tz" -> "timestamptz";
      case "u" -> "uuid";
      case "by" -> "bytea";
      default -> "text";
    };
  }

  private static String values() {
    return "{" + String.join(", ", COLUMNS.stream().map(c -> c + ": $" + c).toList()) + "}";
  }

  private static Object[] row(Object... values) {
    return values;
  }

  private static Map<String, Object> asMap(Object[] row) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      m.put(COLUMNS.get(i), row[i]);
    }
    return m;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** Instants beyond any timestamp (and beyond LocalDateTime) reject their record, as an out-of-range text does. */
  @Test
  void extremeInstantsRejectTheirRecordAndTheSpillGoesOn(TestDatabase db) throws Exception {
    String plan = "version: 1\nschema: " + db.schema() + "\ntables:\n"
        + "  ev: {columns: {k: bigint, tz: timestamptz, t: text}, key: [k]}\n"
        + "sources:\n"
        + "  - name: ev\n    emit: [{table: ev, values: {k: $k, tz: $tz, t: $t}}]\n";
    List<Object> extremes = List.of(Instant.MAX, Instant.MIN, OffsetDateTime.MAX, OffsetDateTime.MIN,
        Instant.parse("+294278-01-01T00:00:00Z"));
    try (SpillWriter w = Spillway.spill(Plan.parse(plan, tmp.resolve("plan.yaml")), tmp.resolve("spill"),
        SpillSettings.defaults())) {
      long k = 0;
      for (Object extreme : extremes) {
        w.record("ev", Map.of("k", ++k, "tz", extreme));
      }
      w.record("ev", Map.of("k", ++k, "t", Instant.MAX)); // a text column takes Instant.MAX's own text
      w.record("ev", Map.of("k", ++k, "tz", Instant.parse("2024-01-02T03:04:05Z")));
      SpillResult result = w.finish();
      assertEquals(extremes.size(), result.rejectCount(), () -> read(result.directory().resolve("rejects.csv")));
      assertTrue(read(result.directory().resolve("rejects.csv")).contains("timestamp out of range"),
          () -> read(result.directory().resolve("rejects.csv")));
    }
    Spillway.load(tmp.resolve("spill"), db.cliUrl(), LoadSettings.defaults().createTables(true));
    assertEquals("6:+1000000000-12-31T23:59:59.999999999Z,7:2024-01-02 03:04:05+00",
        db.queryOne("SELECT string_agg(k || ':' || coalesce(t, (tz AT TIME ZONE 'UTC')::text || '+00'), ',' ORDER BY k) FROM ev"));
  }

}
