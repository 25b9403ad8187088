package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.RowCounters;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/tz/plan.yaml} as shipped, over this machine's tzdata files (or small real
 * excerpts of them when tzdata is absent): every data line becomes a row, no comment line does,
 * the ragged 4th column reads as NULL and then the default, and each zone links to its countries
 * in order with the first one principal. Loaded into Postgres and checked there.
 */
@ExtendWith(PgExtension.class)
class TzExampleTest {
  @TempDir
  Path tmp;

  @Test
  void theExamplePlanSpillsTheTzDatabase(TestDatabase db) throws Exception {
    Path in = tmp.resolve("tz");
    Files.createDirectories(in);
    String plan = Files.readString(Path.of("examples/tz/plan.yaml"), StandardCharsets.UTF_8)
        .replace("schema: tz", "schema: " + db.schema());
    Files.writeString(in.resolve("plan.yaml"), plan, StandardCharsets.UTF_8);
    for (String name : List.of("iso3166.tab", "zone1970.tab")) {
      Path system = Path.of("/usr/share/zoneinfo", name);
      if (Files.isReadable(system)) {
        Files.copy(system, in.resolve(name));
      } else {
        try (InputStream res = getClass().getResourceAsStream("tz/" + name)) {
          Files.copy(res, in.resolve(name));
        }
      }
    }
    List<String[]> countries = dataLines(in.resolve("iso3166.tab"));
    List<String[]> zones = dataLines(in.resolve("zone1970.tab"));
    long links = zones.stream().mapToLong(z -> z[0].split(",").length).sum();
    long withComment = zones.stream().filter(z -> z.length == 4).count();
    assertTrue(withComment > 0 && withComment < zones.size(), "the 4th column is ragged");

    SpillResult result = SpillTesting.spill(in.resolve("plan.yaml"), tmp.resolve("out"));
    Manifest manifest = result.manifest();
    SpillTesting.assertBalanced(manifest);
    assertEquals(new RowCounters(countries.size(), countries.size(), 0, 0, 0), SpillTesting.counters(manifest, "country"));
    assertEquals(new RowCounters(zones.size(), zones.size(), 0, 0, 0), SpillTesting.counters(manifest, "zone"));
    assertEquals(new RowCounters(links, links, 0, 0, 0), SpillTesting.counters(manifest, "zone_country"));
    assertEquals(List.of("area", "latitude", "longitude"), manifest.table("zone").orElseThrow().notNullColumns());

    db.execute("""
        CREATE TABLE country (id integer, code text, name text NOT NULL);
        CREATE TABLE zone (id integer, name text, area text NOT NULL, city text, latitude text NOT NULL,
                           longitude text NOT NULL, comment text);
        CREATE TABLE zone_country (zone_id integer, country_id integer, position smallint NOT NULL, principal boolean)
        """);
    SpillTesting.loadWithCopy(db, result);
    assertEquals(String.valueOf(zones.size() - withComment), db.queryOne("SELECT count(*) FROM zone WHERE comment = ''"),
        "no 4th column: NULL, then the default");
    assertEquals(String.valueOf(zones.size()), db.queryOne("SELECT count(*) FROM zone_country WHERE principal AND position = 1"));
    assertEquals("0", db.queryOne("SELECT count(*) FROM zone_country WHERE principal <> (position = 1)"));
    assertEquals("0", db.queryOne("SELECT count(*) FROM country WHERE code LIKE '#%'"), "no comment loaded as a country");
    String zurich = db.queryOne("SELECT string_agg(c.code, ',' ORDER BY zc.position) FROM zone_country zc"
        + " JOIN zone z ON z.id = zc.zone_id JOIN country c ON c.id = zc.country_id WHERE z.name = 'Europe/Zurich'");
    assertEquals(zones.stream().filter(z -> z[2].equals("Europe/Zurich")).findFirst().orElseThrow()[0], zurich,
        "countries in the file's order");
    assertEquals("Europe|Zurich|+4723|+00832", db.queryOne(
        "SELECT concat_ws('|', area, city, latitude, longitude) FROM zone WHERE name = 'Europe/Zurich'"));
  }

  private static List<String[]> dataLines(Path file) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("#"))
        .map(l -> l.split("\t")).filter(f -> f.length > 0).map(f -> Arrays.copyOf(f, f.length)).toList();
  }
}
