package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The printed reset SQL forgets a table's progress rows and its table_finish mark, nothing else. */
@ExtendWith(PgExtension.class)
class ProgressResetTest {
  @Test
  void resetSqlClearsProgressAndTheFinishedMarkOfThatTableOnly(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    try (Connection c = db.connect()) {
      control.ensure(c);
      c.setAutoCommit(true);
      String progress = control.progressTable().sql();
      String finish = control.finishTable().sql();
      TestConnections.execute(c, "INSERT INTO " + progress + " (spill_id, table_name, segment_seq, crc32c, row_count,"
          + " byte_count) VALUES ('s1', '\"a\".\"t\"', 1, 0, 1, 1), ('s1', '\"a\".\"u\"', 1, 0, 1, 1)");
      TestConnections.execute(c, "INSERT INTO " + finish + " (spill_id, table_name) VALUES ('s1', '\"a\".\"t\"'),"
          + " ('s1', '\"a\".\"u\"'), ('s2', '\"a\".\"t\"')");
      TestConnections.execute(c, new ProgressTable(control).resetSql("s1", "\"a\".\"t\""));
      assertEquals("s1 \"a\".\"u\"", TestConnections.queryOne(c, "SELECT string_agg(spill_id || ' ' || table_name, ',')"
          + " FROM " + progress));
      assertEquals("s1 \"a\".\"u\",s2 \"a\".\"t\"", TestConnections.queryOne(c, "SELECT string_agg(spill_id || ' '"
          + " || table_name, ',' ORDER BY spill_id) FROM " + finish));
    }
  }
}
