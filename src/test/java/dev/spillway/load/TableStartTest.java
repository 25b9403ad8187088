package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.DeferredObjectTable;
import dev.spillway.pg.Identifiers;
import dev.spillway.pg.IndexDeferral;
import dev.spillway.pg.QualifiedName;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.SpillColumn;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Regression: a {@code --defer-indexes} load killed midway and resumed without the flag recreated
 * the table's foreign keys before its remaining segments, so a self-reference to a row of a later
 * segment failed the load. The resumed load of the same spill keeps them dropped until the table's
 * last segment; another spill's load still restores them first.
 */
@ExtendWith(PgExtension.class)
class TableStartTest {
  @Test
  void aResumedDeferIndexesLoadOfTheSameSpillKeepsItsObjectsDropped(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema() + "_ctl");
    IndexDeferral deferral = new IndexDeferral(new DeferredObjectTable(control));
    QualifiedName person = QualifiedName.of(db.schema(), "person");
    db.execute("CREATE TABLE " + person.sql() + " (id bigint PRIMARY KEY, mentor_id bigint REFERENCES " + person.sql()
        + ", age int)");
    db.execute("CREATE INDEX person_age_idx ON " + person.sql() + " (age)");
    TablePlan plan = new TablePlan(ManifestTable.of("person", List.of(SpillColumn.of("id", "bigint")), "id", List.of(),
        Map.of()), person, List.of(), List.of(), true);
    try (Connection c = db.connect()) {
      control.ensure(c);
      List<DeferrableObject> before = new Catalog(c).deferrableObjects(person);
      assertEquals(2, before.size(), "the index and the foreign key");
      assertEquals(before, new TableStart("spill-1", deferral, true).start(c, plan).deferred());

      TableStart.Result resumed = new TableStart("spill-1", deferral, false).start(c, plan);
      assertEquals(List.of(), resumed.restored(), "kept dropped until the table's last segment");
      assertEquals(List.of(), new Catalog(c).deferrableObjects(person));

      TableStart.Result other = new TableStart("spill-2", deferral, false).start(c, plan);
      assertEquals(before, other.restored(), "another spill's load checks its rows against them from the start");
      assertEquals(before, new Catalog(c).deferrableObjects(person));
    } finally {
      db.execute("DROP SCHEMA IF EXISTS " + Identifiers.quote(db.schema() + "_ctl") + " CASCADE"); // not the test's own
    }
  }
}
