package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(PgExtension.class)
class IdentifiersTest {
  static final List<String> HOSTILE = List.of(
      "MixedCase", "with space", "quote\"inside", "\"", "semi;colon", "drop table x; --", "ünïcødé ✓ 表",
      "trailing ", "a.b", "select", "$1", "back\\slash", "emoji 🦆", "x".repeat(63));

  @Test
  void quotesAlwaysAndDoublesEmbeddedQuotes() {
    assertEquals("\"abc\"", Identifiers.quote("abc"));
    assertEquals("\"a\"\"b\"", Identifiers.quote("a\"b"));
    assertEquals("\"\"\"\"", Identifiers.quote("\""));
    assertEquals("\"s\".\"t\"", Identifiers.qualified("s", "t"));
    assertEquals("\"a\", \"B\"", Identifiers.quoteList(List.of("a", "B")));
  }

  @Test
  void rejectsWhatPostgresCannotNameExactly() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Identifiers.quote("a\0b")).getMessage().contains("NUL"));
    assertThrows(IllegalArgumentException.class, () -> Identifiers.quote(""));
    assertThrows(IllegalArgumentException.class, () -> Identifiers.quote(null));
    String tooLong = "é".repeat(32); // 64 bytes
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Identifiers.quote(tooLong));
    assertTrue(e.getMessage().contains("64 bytes") && e.getMessage().contains(tooLong), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"a\".\"b\"", "\"we\"\"ird\".\"x;y\"", "\"ü\".\"with space\""})
  void qualifiedNamesRoundTripThroughTheirQuotedForm(String text) {
    assertEquals(text, QualifiedName.parseQuoted(text).sql());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.b", "\"a\"", "\"a\".b", "\"a\".\"b\"x", "\"a", "\"a\".\"\"", "\"a\"\"b\""})
  void malformedQuotedNamesAreRejected(String text) {
    assertThrows(IllegalArgumentException.class, () -> QualifiedName.parseQuoted(text));
  }

  @Test
  void hostileNamesCreateAndUseExactlyThoseTables(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      TestConnections.execute(c, "CREATE TABLE x (canary int)");
      for (String name : HOSTILE) {
        QualifiedName t = QualifiedName.of(db.schema(), name);
        TestConnections.execute(c, "CREATE TABLE " + t.sql() + " (" + Identifiers.quote(name) + " text)");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.sql() + " (" + Identifiers.quote(name) + ") VALUES (?)")) {
          ps.setString(1, name);
          ps.executeUpdate();
        }
        assertEquals(name, TestConnections.queryOne(c, "SELECT " + Identifiers.quote(name) + " FROM " + t.sql()));
      }
      List<String> tables = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? ORDER BY 1")) {
        ps.setString(1, db.schema());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      }
      List<String> expected = new ArrayList<>(HOSTILE);
      expected.add("x");
      assertEquals(expected.stream().sorted().toList(), tables.stream().sorted().toList());
      assertEquals("0", TestConnections.queryOne(c, "SELECT count(*) FROM x"), "the canary table survived");
    }
  }
}
