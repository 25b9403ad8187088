package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.TableMismatchException;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, item 14: --create-tables that cannot prepare one table creates none. */
@ExtendWith(PgExtension.class)
class CreateTablesAtomicTest {
  @TempDir
  Path tmp;

  @Test
  void aTableThatCannotTakeItsRowsLeavesNothingCreated(TestDatabase db) throws Exception {
    Spill spill = new Packages(5, 20, 2).write(tmp.resolve("spill"), db.schema(), 4096);
    db.execute("CREATE TABLE maintainer (id bigint PRIMARY KEY, name integer)"); // exists, with the wrong type
    TableMismatchException e = assertThrows(TableMismatchException.class, () -> new Loader(LoadDb.factory(db),
        LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema()).withCreateTables(true),
        LoadProgress.none()).load(spill.root()));
    assertTrue(e.getMessage().contains("\"name\""), e.getMessage());
    assertEquals(null, db.queryOne("SELECT to_regclass('" + db.schema() + ".package')::text"),
        "the other table was not created either");
  }
}
