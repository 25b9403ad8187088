package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The live writer reads {@code timestamptz} text without an offset in the plan's {@code time_zone}, as the server would. */
@ExtendWith(PgExtension.class)
class LiveTimeZoneTest {
  @TempDir
  Path tmp;

  @Test
  void zoneLessTextIsLocalTimeInThePlansTimeZone(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE event (k text, at timestamptz)");
    Plan plan = Plan.parse("version: 1\nschema: " + db.schema() + "\ntime_zone: Europe/Berlin\n" + """
        tables: {event: {columns: {k: text, at: timestamptz}}}
        sources: [{name: events, emit: [{table: event, values: {k: $k, at: $at}}]}]
        """, tmp.resolve("plan.yaml"));
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (LiveWriter w = Spillway.live(c, plan)) {
        w.record("events", Map.of("k", "summer", "at", "2024-07-01 10:00:00"));
        w.record("events", Map.of("k", "gap", "at", "2024-03-31 02:30:00"));
        w.record("events", Map.of("k", "offset", "at", "2024-07-01 10:00:00+05"));
        w.flush();
      }
      c.commit();
    }
    assertEquals("gap offset summer", db.queryOne("SELECT string_agg(k, ' ' ORDER BY k) FROM event e WHERE at = (SELECT"
        + " CASE k WHEN 'summer' THEN timezone('Europe/Berlin', '2024-07-01 10:00:00'::timestamp)"
        + " WHEN 'gap' THEN timezone('Europe/Berlin', '2024-03-31 02:30:00'::timestamp)"
        + " ELSE '2024-07-01 10:00:00+05'::timestamptz END)"), "rows equal to the server's reading in Europe/Berlin");
  }
}
