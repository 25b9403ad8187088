package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Natural keys follow each type's equality, with the server as the judge: for every type a key
 * column can have (every type of {@link EdgeValues} but {@code json} and {@code json[]}, which have
 * no equality), its edge values plus spellings that print differently but compare equal, every
 * pair of values must have the same {@link Codec#keyText} exactly when the server's
 * {@code a::T = b::T} is true. The traps must hold a pair the server calls equal (so the test
 * can see a key that splits them). Session as the codecs assume it: TimeZone UTC.
 */
@ExtendWith(PgExtension.class)
class KeyTextServerTest {
  /** Spellings the server's equality merges although its output keeps them apart, per type. */
  static final Map<String, List<String>> TRAPS = new LinkedHashMap<>();

  static {
    TRAPS.put("numeric", List.of("100.50", "100.5", "100.500", "1.005e2", "100", "100.0", "1e2", "0", "-0", "0.000",
        "-0.00", "0e5", "-1.10", "-1.1", "NaN", "nan", "Infinity", "inf", "-Infinity", "1e32", "10e31", "1e33", "1.0e33",
        "1e-32", "0.1e-31", "1e-33", "1e9000", "10e8999", "1.000e9000", "-1e9000", "1e-9000", "0.10e-8999", "12e40",
        "1.2e41"));
    TRAPS.put("numeric(5,2)", List.of("100.5", "100.50", "100.499", "-0", "0.001"));
    TRAPS.put("double precision", List.of("0", "-0", "0.0", "-0.0", "0e10", "NaN", "-NaN", "1", "1.0", "1e0", "-1"));
    TRAPS.put("real", List.of("0", "-0", "-0.0", "NaN", "-NaN", "1.5", "1.50", "16777217", "16777216"));
    TRAPS.put("interval", List.of("1 mon", "30 days", "720:00:00", "1 day", "24:00:00", "-1 day 24:00:00",
        "1 day -24:00:00", "0", "1 year", "360 days", "12 mons", "1 mon -30 days", "-1 mon 30 days",
        "29 days 24:00:00", "1 mon 00:00:00.000001", "30 days 00:00:00.000001", "-00:00:00.000001",
        "-1 days 23:59:59.999999", "178956970 years 7 mons", "2147483647 days", "-2147483648 days -2562047788 hours"));
    TRAPS.put("jsonb", List.of("{\"a\": 1.0}", "{\"a\": 1}", "[1e2]", "[100]", "[100.00]", "{\"a\": -0}",
        "{\"a\": 0.0}", "{\"a\": [1.50, {\"b\": 2.0}]}", "{\"a\": [1.5, {\"b\": 2}]}", "1.0", "1", "\"1.0\"", "\"1\"",
        "{\"b\": 1, \"a\": 1}", "{\"a\": 1, \"b\": 1.0}", "[1e32]", "[1e33]", "[10e32]", "[1.0e33]", "[1e40]", "[1e9000]",
        "[10e8999]", "{\"a\": \"1.50\"}", "{\"a\": \"1.5\"}", "[true, null]", "[true,null]"));
    TRAPS.put("numeric[]", List.of("{1.0,2}", "{1,2.00}", "{-0}", "{0}", "{0.0}", "{NULL}", "{NULL,1}", "{NULL,1.0}",
        "{}", "{NaN}", "{nan}"));
    TRAPS.put("double precision[]", List.of("{-0}", "{0}", "{NaN}", "{-NaN}", "{NULL}"));
    TRAPS.put("real[]", List.of("{-0,1}", "{0,1.0}"));
    TRAPS.put("interval[]", List.of("{\"1 mon\"}", "{\"30 days\"}", "{720:00:00}", "{\"1 day\",NULL}", "{24:00:00,NULL}"));
    TRAPS.put("jsonb[]", List.of("{\"[1.0]\"}", "{\"[1]\"}", "{\"{\\\"a\\\": 2.50}\"}", "{\"{\\\"a\\\": 2.5}\"}"));
    TRAPS.put("inet", List.of("10.0.0.1/32", "10.0.0.1", "10.0.0.1/8", "10.0.0.0/8", "::ffff:10.0.0.1", "::ffff:a00:1",
        "::ffff:10.0.0.1/128", "2001:db8::1", "2001:DB8:0:0::1/128"));
    TRAPS.put("char(3)", List.of("a", "a ", "a  ", "", " ", " a"));
    TRAPS.put("timestamptz", List.of("2024-01-01 00:00+02", "2023-12-31 22:00Z", "2023-12-31 23:30:00+01:30"));
    TRAPS.put("time", List.of("24:00", "00:00", "23:59:59.9999999", "24:00:00"));
  }

  /** Spellings close to each other that the server keeps apart (bytewise text equality). */
  static final Map<String, List<String>> NEAR_MISSES = Map.of("text", List.of("a", "a ", "A", "é", "e\u0301"));

  static Stream<Arguments> types() {
    Map<String, List<String>> all = new LinkedHashMap<>();
    EdgeValues.TABLE.forEach((type, values) -> {
      if (!type.equals("json") && !type.equals("json[]")) {
        all.put(type, values);
      }
    });
    Stream.of(TRAPS, NEAR_MISSES).flatMap(m -> m.entrySet().stream()).forEach(e -> {
      String type = e.getKey();
      List<String> values = e.getValue();
      LinkedHashSet<String> merged = new LinkedHashSet<>(all.getOrDefault(type, List.of()));
      merged.addAll(values);
      all.put(type, new ArrayList<>(merged));
    });
    return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void keysAreEqualExactlyWhenTheServerSaysSo(String sqlType, List<String> literals, TestDatabase db) throws Exception {
    Codec codec = CodecRegistry.standard().codecFor(ColumnType.parse(sqlType));
    List<String> keys = new ArrayList<>();
    for (String literal : literals) {
      keys.add(codec.keyText(codec.parse(literal)));
    }
    List<String> failures = new ArrayList<>();
    int equalPairs = 0;
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      String sql = "SELECT a.i, b.j, a.v::" + sqlType + " = b.v::" + sqlType
          + " FROM unnest(?::text[]) WITH ORDINALITY a(v, i), unnest(?::text[]) WITH ORDINALITY b(v, j) WHERE a.i < b.j";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Array values = c.createArrayOf("text", literals.toArray());
        ps.setArray(1, values);
        ps.setArray(2, values);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int i = rs.getInt(1) - 1;
            int j = rs.getInt(2) - 1;
            boolean server = rs.getBoolean(3);
            boolean ours = keys.get(i).equals(keys.get(j));
            equalPairs += server ? 1 : 0;
            if (server != ours) {
              failures.add("'" + literals.get(i) + "' and '" + literals.get(j) + "': server " + (server ? "=" : "<>")
                  + ", keys '" + keys.get(i) + "' and '" + keys.get(j) + "'");
            }
          }
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(sqlType + ": " + failures.size() + " pairs where the key disagrees with the server's =\n  "
          + String.join("\n  ", failures));
    }
    if (TRAPS.containsKey(sqlType)) {
      assertTrue(equalPairs > 0, sqlType + ": the traps hold no pair the server calls equal");
    }
  }
  /**
   * A numeric key with a large exponent has a short key text (its digits and exponent), so it is
   * not rejected as too long though the server indexes it, and costs no 100 KB string per row.
   */
  @org.junit.jupiter.api.Test
  void aLargeExponentGivesAShortNumericKey() {
    Codec codec = CodecRegistry.standard().codecFor(ColumnType.parse("numeric"));
    for (String literal : List.of("1e9000", "-1.5e100000", "1e-16000", "12345678901234567890e-16000")) {
      String key = codec.keyText(codec.parse(literal));
      assertTrue(key.length() < 40, literal + ": key text of " + key.length() + " chars");
    }
    assertTrue(codec.keyText(codec.parse("100.50")).equals("100.5"), "ordinary values keep the plain form");
  }
}
