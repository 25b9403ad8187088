package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.loadWithCopy;
import static dev.spillway.spill.SpillTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The plan's {@code time_zone}: a spill of {@code timestamptz} values without an offset, loaded,
 * equals {@code SET TimeZone = zone; COPY ... (FORMAT csv)} of the same file, row for row,
 * daylight-saving gaps (a local time that does not exist) and overlaps (one that exists twice)
 * included; values with an offset or a zone name do not depend on it. Without {@code time_zone}
 * the values are read in UTC.
 */
@ExtendWith(PgExtension.class)
class TimeZoneSpillTest {
  @TempDir
  Path tmp;

  /** Zone-less values around each zone's changes of 2024, values with offsets, and the specials. */
  private static final List<String> VALUES = List.of(
      "2024-07-01 10:00:00", "2024-01-15 23:59:59.999999", "2024-03-31 02:30:00", "2024-03-31 01:59:59",
      "2024-03-31 03:00:00", "2024-10-27 02:30:00", "2024-10-27 01:30:00", "2024-10-27 03:00:00",
      "2024-03-10 02:30:00", "2024-11-03 01:30:00", "2024-04-07 01:45:00", "2024-10-06 02:15:00",
      "2024-04-07 02:15:00", "1900-01-01 00:00:00", "1969-12-31 23:59:59", "2000-01-01", "2024-07-01T10:00:00",
      "2024-07-01 10:00:00+05", "2024-07-01 10:00:00Z", "2024-07-01 10:00:00 UTC", "infinity", "-infinity", "epoch",
      "2024-07-01 10:00:00 Europe/Paris", "2024-03-31 02:30:00 Europe/Paris", "2024-07-01 10:00:00 PST");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC", "(none)"})
  void zoneLessInputIsReadInThePlansTimeZoneAsCopyReadsIt(String zone, TestDatabase db) throws Exception {
    StringBuilder csv = new StringBuilder("id,at\n");
    for (int i = 0; i < VALUES.size(); i++) {
      csv.append(i).append(',').append(VALUES.get(i)).append('\n');
    }
    Path file = SpillTesting.write(tmp, "events.csv", csv.toString());
    Path plan = SpillTesting.write(tmp, "plan.yaml", "version: 1\nschema: " + db.schema() + "\n"
        + (zone.startsWith("(") ? "" : "time_zone: " + zone + "\n") + """
        tables: {event: {columns: {id: integer, at: timestamptz}}}
        sources: [{file: events.csv, format: {header: true}, emit: [{table: event, values: {id: $id, at: $at}}]}]
        """);
    db.execute("CREATE TABLE event (id integer, at timestamptz); CREATE TABLE copied (id integer, at timestamptz)");
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    assertEquals(VALUES.size(), SpillTesting.counters(result.manifest(), "event").written(), "rows written");
    loadWithCopy(db, result);
    try (Connection c = db.connect(); Statement s = c.createStatement(); InputStream in = Files.newInputStream(file)) {
      s.execute("SET TimeZone = '" + (zone.startsWith("(") ? "UTC" : zone) + "'");
      new CopyManager(c.unwrap(BaseConnection.class)).copyIn("COPY copied FROM STDIN (FORMAT csv, HEADER true)", in);
    }
    String utc = "SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), at::text FROM %s ORDER BY id";
    assertEquals(query(db, String.format(utc, "copied")), query(db, String.format(utc, "event")),
        "spilled with time_zone '" + zone + "' vs COPY under that TimeZone (id, UTC time, text in UTC)");
  }
}
