package dev.spillway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class PgExtensionTest {
  @Test
  void eachTestHasItsOwnSchemaOnTheSearchPath(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE probe(x int)");
    assertEquals(db.schema(), db.queryOne("SELECT table_schema FROM information_schema.tables WHERE table_name = 'probe' AND table_schema = current_schema()"));
  }
}
