package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Literals built into SQL text read back as the value, with standard_conforming_strings on and off. */
@ExtendWith(PgExtension.class)
class SqlLiteralTest {
  private static final List<String> VALUES = List.of("plain", "it's", "a\\", "a\\'); DROP TABLE x; --", "\\\\'",
      "\"s\".\"t\\\"", "é ✓");

  @Test
  void readsBackAsTheValueInBothSettings(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      for (String setting : List.of("on", "off")) {
        TestConnections.execute(c, "SET standard_conforming_strings = " + setting);
        for (String v : VALUES) {
          assertEquals(v, TestConnections.queryOne(c, "SELECT " + SqlLiteral.of(v)), setting + ": " + v);
        }
      }
    }
  }

  @Test
  void citusCallsQuoteCraftedNamesSafely(TestDatabase db) throws Exception {
    QualifiedName crafted = new QualifiedName("s", "t\\'); DROP TABLE x; --");
    String sql = CitusDdl.createDistributedTable(crafted, "c\\", Optional.of(crafted));
    try (Connection c = db.connect()) {
      TestConnections.execute(c, "SET standard_conforming_strings = off");
      // the call's arguments, evaluated without Citus: each literal reads back as the name
      String args = sql.substring("SELECT create_distributed_table(".length(), sql.length() - 1)
          .replace("colocate_with => ", "");
      assertEquals(crafted.sql() + "|c\\|" + crafted.sql(),
          TestConnections.queryOne(c, "SELECT concat_ws('|', " + args + ")"));
    }
  }
}
