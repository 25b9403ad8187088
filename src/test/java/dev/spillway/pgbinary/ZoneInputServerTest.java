package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Zone names and abbreviations after a timestamp read as the server reads them: our table of
 * PostgreSQL's Default abbreviations is the server's (fixed ones with their offsets), and every
 * fixed abbreviation and every zone name we know, in winter and in summer, gives the server's
 * instant ({@code 'literal'::timestamptz}, session TimeZone UTC, timezone_abbreviations Default).
 */
@ExtendWith(PgExtension.class)
class ZoneInputServerTest {
  private static final List<String> TIMES = List.of("2020-01-15 12:34:56", "2020-07-15 12:34:56");

  @Test
  void ourAbbreviationsAreTheServersDefaultSet(TestDatabase db) throws Exception {
    Map<String, Integer> server = new TreeMap<>();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SET timezone_abbreviations = 'Default'");
      try (ResultSet rs = s.executeQuery("SELECT upper(abbrev), extract(epoch FROM utc_offset)::int FROM pg_timezone_abbrevs")) {
        while (rs.next()) {
          server.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    List<String> failures = new ArrayList<>();
    Map<String, Integer> fixed = ZoneAbbreviations.fixed();
    TreeSet<String> ours = new TreeSet<>(fixed.keySet());
    ours.addAll(ZoneAbbreviations.dynamic().keySet());
    for (Map.Entry<String, Integer> e : server.entrySet()) {
      Integer offset = fixed.get(e.getKey());
      if (offset == null && !ZoneAbbreviations.dynamic().containsKey(e.getKey())) {
        failures.add(e.getKey() + ": the server's, not ours");
      } else if (offset != null && !offset.equals(e.getValue())) {
        failures.add(e.getKey() + ": server " + e.getValue() + " s, ours " + offset + " s");
      }
    }
    ours.removeAll(server.keySet());
    ours.forEach(a -> failures.add(a + ": ours, not the server's"));
    assertEquals(List.of(), failures);
  }

  @Test
  void everyFixedAbbreviationAndZoneNameReadsAsTheServerReadsIt(TestDatabase db) throws Exception {
    List<String> literals = new ArrayList<>();
    for (String time : TIMES) {
      ZoneAbbreviations.fixed().keySet().stream().sorted().forEach(a -> literals.add(time + " " + a));
      ZoneNames.all().forEach(z -> literals.add(time + " " + z));
    }
    literals.add("2020-01-15 12:34:56 utc");
    literals.add("2020-01-15 12:34:56 europe/paris");
    Codec codec = CodecRegistry.standard().codecFor(ColumnType.parse("timestamptz"));
    List<String> server = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET timezone_abbreviations = 'Default'");
      s.execute("CREATE FUNCTION try_tz(v text) RETURNS text LANGUAGE plpgsql AS $$ "
          + "BEGIN RETURN v::timestamptz::text; EXCEPTION WHEN others THEN RETURN 'ERROR: ' || SQLERRM; END $$");
      try (PreparedStatement p = c.prepareStatement("SELECT try_tz(v) FROM unnest(?) WITH ORDINALITY AS u(v, n) ORDER BY n")) {
        Array array = c.createArrayOf("text", literals.toArray());
        p.setArray(1, array);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            server.add(rs.getString(1));
          }
        }
      }
    }
    assertEquals(literals.size(), server.size(), "one server reading per literal");
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < literals.size(); i++) {
      String ours;
      try {
        ours = codec.format(codec.parse(literals.get(i)));
      } catch (InvalidValueException e) {
        ours = "ERROR: " + e.reason();
      }
      if (!ours.equals(server.get(i))) {
        failures.add("'" + literals.get(i) + "': server " + server.get(i) + ", ours " + ours);
      }
    }
    assertTrue(literals.size() > 1000, "abbreviations and zone names: " + literals.size());
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + literals.size() + " differ\n  " + String.join("\n  ", failures));
    }
  }
}
