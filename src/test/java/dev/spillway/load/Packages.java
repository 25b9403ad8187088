package dev.spillway.load;

import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The standard test data set: {@code maintainer (id bigint, name text)} keyed by name, and
 * {@code package (id bigint, name text, maintainer_id bigint, version integer)} keyed by name and
 * referencing maintainer; seeded random names with awkward characters and some NULLs.
 */
final class Packages {
  final List<Object[]> maintainers = new ArrayList<>();
  final List<Object[]> packages = new ArrayList<>();

  Packages(int maintainerCount, int packageCount, long seed) {
    Random random = new Random(seed);
    for (int i = 1; i <= maintainerCount; i++) {
      maintainers.add(new Object[] {(long) i, "maintainer " + i + " " + text(random)});
    }
    for (int i = 1; i <= packageCount; i++) {
      Object version = random.nextInt(10) == 0 ? null : random.nextInt(1000);
      packages.add(new Object[] {(long) i, "pkg-" + i + text(random), 1L + random.nextInt(maintainerCount), version});
    }
  }

  Spill write(Path root, String targetSchema, long maxSegmentBytes) {
    return new SpillBuilder(root).targetSchema(targetSchema).maxSegmentBytes(maxSegmentBytes)
        .table("maintainer", List.of("id bigint", "name text"), "id", List.of("name"), Map.of())
        .table("package", List.of("id bigint", "name text", "maintainer_id bigint", "version integer"), "id",
            List.of("name"), Map.of("maintainer_id", "maintainer"))
        .rows("maintainer", maintainers)
        .rows("package", packages)
        .build();
  }

  /** The target tables with primary keys, unique keys, the foreign key and a secondary index. */
  static void createTables(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE maintainer (id bigint PRIMARY KEY, name text UNIQUE)");
    db.execute("CREATE TABLE package (id bigint PRIMARY KEY, name text UNIQUE, "
        + "maintainer_id bigint CONSTRAINT package_maintainer_fk REFERENCES maintainer (id), version integer)");
    db.execute("CREATE INDEX package_version_idx ON package (version)");
  }

  /** {@code expected_maintainer} and {@code expected_package} hold the same rows, inserted with plain JDBC. */
  void createExpected(TestDatabase db) throws SQLException {
    db.execute("CREATE TABLE expected_maintainer (id bigint, name text)");
    db.execute("CREATE TABLE expected_package (id bigint, name text, maintainer_id bigint, version integer)");
    LoadDb.insert(db, "expected_maintainer", 2, maintainers);
    LoadDb.insert(db, "expected_package", 4, packages);
  }

  /** Asserts both tables equal the expected ones, by count and content checksum computed in SQL. */
  static void assertLoaded(TestDatabase db) throws SQLException {
    org.junit.jupiter.api.Assertions.assertEquals(LoadDb.checksum(db, "expected_maintainer", "id"),
        LoadDb.checksum(db, "maintainer", "id"), "maintainer");
    org.junit.jupiter.api.Assertions.assertEquals(LoadDb.checksum(db, "expected_package", "id"),
        LoadDb.checksum(db, "package", "id"), "package");
  }

  private static String text(Random random) {
    String alphabet = "abc xyz,;\"'\\\tÄé€😀";
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return s.toString();
  }
}
