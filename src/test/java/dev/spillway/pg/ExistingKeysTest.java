package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class ExistingKeysTest {
  @Test
  void streamsIdsAndTextKeysThroughACursor(TestDatabase db) throws Exception {
    QualifiedName t = QualifiedName.of(db.schema(), "Pkg \"x\"");
    try (Connection c = db.connect()) {
      TestConnections.execute(c, "CREATE TABLE " + t.sql() + " (id bigint PRIMARY KEY, \"Name\" text, ver numeric)");
      TestConnections.execute(c, "INSERT INTO " + t.sql() + " SELECT g, 'n' || g, g / 4.0 FROM generate_series(1, 1000) g");
      TestConnections.execute(c, "INSERT INTO " + t.sql() + " VALUES (1001, NULL, 1.50)");
      Map<Long, List<String>> seen = new HashMap<>();
      long rows = new ExistingKeys(c, 7).scan(t, Optional.of("id"), List.of("Name", "ver"),
          (id, key) -> seen.put(id.getAsLong(), key));
      assertEquals(1001, rows);
      assertEquals(1001, seen.size());
      assertEquals(List.of("n10", "2.5000000000000000"), seen.get(10L));
      assertEquals(Arrays.asList(null, "1.50"), seen.get(1001L), "NULL stays null; text as the server prints it");
      assertTrue(c.getAutoCommit(), "autocommit restored");
      assertFalse(c.isReadOnly(), "read-only restored");
      assertEquals(OptionalLong.of(1001), new Catalog(c).maxValue(t, "id"));
    }
  }

  @Test
  void linkTableKeysWithoutIdAndSinkFailuresPropagate(TestDatabase db) throws Exception {
    QualifiedName t = QualifiedName.of(db.schema(), "tags");
    try (Connection c = db.connect()) {
      TestConnections.execute(c, "CREATE TABLE tags (package_id bigint, tag text)");
      TestConnections.execute(c, "INSERT INTO tags VALUES (1, 'a'), (1, 'b'), (2, 'a')");
      List<List<String>> keys = new ArrayList<>();
      new ExistingKeys(c, 2).scan(t, Optional.empty(), List.of("package_id", "tag"), (id, key) -> {
        assertFalse(id.isPresent());
        keys.add(key);
      });
      assertEquals(3, keys.size());
      assertTrue(keys.contains(List.of("2", "a")));
      IllegalStateException stop = assertThrows(IllegalStateException.class, () -> new ExistingKeys(c, 2)
          .scan(t, Optional.empty(), List.of("tag"), (id, key) -> {
            throw new IllegalStateException("sink full");
          }));
      assertEquals("sink full", stop.getMessage());
      assertTrue(c.getAutoCommit());
      assertEquals("3", TestConnections.queryOne(c, "SELECT count(*) FROM tags"), "connection usable after the failure");
    }
  }
}
