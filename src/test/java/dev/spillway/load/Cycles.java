package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test data whose references go every way: {@code person (id, name, mentor_id -> person)}, which
 * references itself, mostly forward (a mentor with a larger id, so in a later segment), and the
 * cycle {@code city (id, name, country_id -> country)} / {@code country (id, name, capital_id ->
 * city)}, with city listed first although it references country. Keys: each table's name. Seeded;
 * some references NULL.
 */
final class Cycles {
  final List<Object[]> people = new ArrayList<>();
  final List<Object[]> cities = new ArrayList<>();
  final List<Object[]> countries = new ArrayList<>();

  Cycles(int personCount, int cityCount, int countryCount, long seed) {
    Random random = new Random(seed);
    for (int i = 1; i <= personCount; i++) {
      Object mentor = random.nextInt(10) == 0 ? null : (long) (1 + random.nextInt(personCount));
      people.add(new Object[] {(long) i, "person " + i + " " + random.nextInt(1000), mentor});
    }
    for (int i = 1; i <= cityCount; i++) {
      cities.add(new Object[] {(long) i, "city " + i, (long) (1 + random.nextInt(countryCount))});
    }
    for (int i = 1; i <= countryCount; i++) {
      Object capital = random.nextInt(8) == 0 ? null : (long) (1 + random.nextInt(cityCount));
      countries.add(new Object[] {(long) i, "country " + i, capital});
    }
  }

  SpillBuilder builder(Path root, String targetSchema, long maxSegmentBytes) {
    return new SpillBuilder(root).targetSchema(targetSchema).maxSegmentBytes(maxSegmentBytes)
        .table("person", List.of("id bigint", "name text", "mentor_id bigint"), "id", List.of("name"),
            Map.of("mentor_id", "person"))
        .table("city", List.of("id bigint", "name text", "country_id bigint"), "id", List.of("name"),
            Map.of("country_id", "country"))
        .table("country", List.of("id bigint", "name text", "capital_id bigint"), "id", List.of("name"),
            Map.of("capital_id", "city"))
        .rows("person", people).rows("city", cities).rows("country", countries);
  }

  Spill write(Path root, String targetSchema, long maxSegmentBytes) {
    return builder(root, targetSchema, maxSegmentBytes).build();
  }

  /** The three tables as a user would have them, each foreign key named {@code <table>_fk}; {@code deferrable} makes them DEFERRABLE INITIALLY DEFERRED. */
  static void createTables(TestDatabase db, boolean deferrable) throws SQLException {
    String mode = deferrable ? " DEFERRABLE INITIALLY DEFERRED" : "";
    db.execute("CREATE TABLE person (id bigint PRIMARY KEY, name text NOT NULL UNIQUE, mentor_id bigint)");
    db.execute("CREATE TABLE city (id bigint PRIMARY KEY, name text NOT NULL UNIQUE, country_id bigint)");
    db.execute("CREATE TABLE country (id bigint PRIMARY KEY, name text NOT NULL UNIQUE, capital_id bigint)");
    db.execute("ALTER TABLE person ADD CONSTRAINT person_fk FOREIGN KEY (mentor_id) REFERENCES person (id)" + mode);
    db.execute("ALTER TABLE city ADD CONSTRAINT city_fk FOREIGN KEY (country_id) REFERENCES country (id)" + mode);
    db.execute("ALTER TABLE country ADD CONSTRAINT country_fk FOREIGN KEY (capital_id) REFERENCES city (id)" + mode);
  }

  /** {@code expected_person}, {@code expected_city}, {@code expected_country}: the same rows inserted with plain JDBC. */
  void createExpected(TestDatabase db) throws SQLException {
    for (String t : List.of("person", "city", "country")) {
      db.execute("CREATE TABLE expected_" + t + " (id bigint, name text, ref bigint)");
    }
    LoadDb.insert(db, "expected_person", 3, people);
    LoadDb.insert(db, "expected_city", 3, cities);
    LoadDb.insert(db, "expected_country", 3, countries);
  }

  /** Each table equals its expected one, by count and content checksum computed in SQL. */
  static void assertLoaded(TestDatabase db) throws SQLException {
    for (String t : List.of("person", "city", "country")) {
      assertEquals(LoadDb.checksum(db, "expected_" + t, "id"), LoadDb.checksum(db, t, "id"), t);
    }
  }

  /** contype:name of every constraint of the three tables, sorted: what --create-tables must have built. */
  static String constraints(TestDatabase db) throws SQLException {
    return db.queryOne("SELECT string_agg(r.relname || ':' || k.contype::text || ':' || k.conname, ',' ORDER BY r.relname, k.conname)"
        + " FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid WHERE r.relnamespace = current_schema()::regnamespace"
        + " AND r.relname IN ('person', 'city', 'country')");
  }

  static final String CREATED_CONSTRAINTS = "city:f:city_country_id_fkey,city:u:city_name_key,city:p:city_pkey,"
      + "country:f:country_capital_id_fkey,country:u:country_name_key,country:p:country_pkey,"
      + "person:f:person_mentor_id_fkey,person:u:person_name_key,person:p:person_pkey";
}
