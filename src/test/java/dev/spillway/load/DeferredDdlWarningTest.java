package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 5: what --defer-indexes drops is said loudly with its DDL (a warning, shown even
 * with --quiet), so that dropping the control schema while it is recorded there loses nothing.
 */
@ExtendWith(PgExtension.class)
class DeferredDdlWarningTest {
  @TempDir
  Path tmp;

  @Test
  void theDroppedObjectsAreNamedWithDdlThatRecreatesThem(TestDatabase db) throws Exception {
    Packages data = new Packages(10, 200, 3);
    Packages.createTables(db);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 4096);
    List<String> warnings = new ArrayList<>();
    LoadProgress recorder = new LoadProgress() {
      @Override
      public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {}

      @Override
      public void segmentLoaded(String table, long rows, long bytes) {}

      @Override
      public void warning(String message) {
        warnings.add(message);
      }

      @Override
      public void close() {}
    };
    new Loader(LoadDb.factory(db), LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema())
        .withDeferIndexes(true), recorder).load(spill.root());
    String warning = warnings.stream().filter(w -> w.contains("\"package\"")).findFirst().orElseThrow(
        () -> new AssertionError("no warning for package: " + warnings));
    assertTrue(warning.contains("package_version_idx") && warning.contains("package_maintainer_fk"), warning);

    // the control schema's record is gone: the printed DDL alone brings the objects back
    db.execute("ALTER TABLE package DROP CONSTRAINT package_maintainer_fk");
    db.execute("DROP INDEX package_version_idx");
    String ddl = warning.substring(warning.indexOf("recreate them yourself: ") + "recreate them yourself: ".length());
    for (String statement : ddl.split(";")) {
      if (!statement.isBlank()) {
        db.execute(statement);
      }
    }
    assertEquals("1", db.queryOne("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + db.schema()
        + "' AND indexname = 'package_version_idx'"));
    assertEquals("1", db.queryOne("SELECT count(*) FROM pg_constraint WHERE conname = 'package_maintainer_fk'"
        + " AND connamespace = '" + db.schema() + "'::regnamespace"));
  }
}
