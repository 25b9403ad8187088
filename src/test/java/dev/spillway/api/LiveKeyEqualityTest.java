package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live writer matches natural keys by the column type's equality, as stage one and the
 * server's unique index do: {@code 100.50}, {@code 100.5} and {@code 100.500} are one
 * {@code numeric} key, {@code 1 mon} and {@code 30 days} one {@code interval} key, whether the row
 * is pending in the same flush, in the database, or created by {@code missing: create}. The row
 * keeps the value as first written.
 */
@ExtendWith(PgExtension.class)
class LiveKeyEqualityTest {
  @TempDir
  Path tmp;

  private Plan plan(TestDatabase db, String keyType, String missing) throws Exception {
    db.execute("CREATE TABLE product (id bigserial PRIMARY KEY, k " + keyType + " NOT NULL UNIQUE, name text)");
    db.execute("CREATE TABLE sale (n integer, product_id bigint REFERENCES product)");
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, """
        version: 1
        schema: %s
        tables:
          product: {columns: {id: bigint, k: '%s', name: text}, id: id, key: [k], on_duplicate: first}
          sale: {columns: {n: integer, product_id: bigint}}
        sources:
          - name: products
            emit: [{table: product, values: {k: $k, name: $name}}]
          - name: sales
            emit: [{table: sale, values: {n: $n, product_id: {ref: product, key: [$k], missing: %s}}}]
        """.formatted(db.schema(), keyType, missing));
    return Plan.load(plan);
  }

  /** {@code n:k} per sale, the key of the product it references (NULL when none). */
  private static String sales(TestDatabase db) throws Exception {
    return db.queryOne("SELECT string_agg(s.n || ':' || coalesce(p.k::text, 'NULL'), ' ' ORDER BY s.n) FROM sale s"
        + " LEFT JOIN product p ON p.id = s.product_id");
  }

  @Test
  void spellingsOfOneNumericInOneFlushAreOneRow(TestDatabase db) throws Exception {
    Plan plan = plan(db, "numeric", "reject");
    try (Connection c = LiveFixtures.transaction(db)) {
      LiveResult result;
      try (LiveWriter w = LiveWriter.open(c, plan)) {
        w.record("products", java.util.Map.of("k", "100.50", "name", "Widget"));
        w.record("products", java.util.Map.of("k", "100.5", "name", "Widget again"));
        w.record("sales", java.util.Map.of("n", "1", "k", "100.500"));
        result = w.flush();
      }
      c.commit();
      assertEquals(List.of(), result.rejects());
    }
    assertEquals("100.50 Widget", db.queryOne("SELECT string_agg(k || ' ' || name, ', ') FROM product"));
    assertEquals("1:100.50", sales(db));
  }

  @Test
  void aKeyInTheDatabaseIsFoundByAnotherSpellingAndCreateMakesOneRow(TestDatabase db) throws Exception {
    Plan plan = plan(db, "interval", "create");
    db.execute("INSERT INTO product (k, name) VALUES ('1 mon', 'monthly')");
    try (Connection c = LiveFixtures.transaction(db)) {
      try (LiveWriter w = LiveWriter.open(c, plan)) {
        w.record("sales", java.util.Map.of("n", "1", "k", "30 days"));
        w.record("sales", java.util.Map.of("n", "2", "k", "1 day"));
        w.record("sales", java.util.Map.of("n", "3", "k", "24:00:00"));
        w.flush();
      }
      c.commit();
    }
    assertEquals("1:1 mon 2:1 day 3:1 day", sales(db));
    assertEquals("2", db.queryOne("SELECT count(*) FROM product"));
  }
}
