package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class IndexDeferralTest {
  private static QualifiedName[] setUp(Connection c, TestDatabase db) throws Exception {
    QualifiedName parent = QualifiedName.of(db.schema(), "Parent;");
    QualifiedName child = QualifiedName.of(db.schema(), "Child \"c\"");
    TestConnections.execute(c, "CREATE TABLE " + parent.sql() + " (id bigint PRIMARY KEY)");
    TestConnections.execute(c, "CREATE TABLE " + child.sql() + " (id bigint PRIMARY KEY, "
        + "\"parent id\" bigint CONSTRAINT \"fk; parent\" REFERENCES " + parent.sql() + ", tag text)");
    TestConnections.execute(c, "CREATE INDEX \"By Tag\" ON " + child.sql() + " (tag)");
    TestConnections.execute(c, "INSERT INTO " + parent.sql() + " VALUES (1), (2)");
    return new QualifiedName[] {parent, child};
  }

  @Test
  void deferDropsAndRecordsRestoreRecreatesIdentically(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    DeferredObjectTable table = new DeferredObjectTable(control);
    IndexDeferral deferral = new IndexDeferral(table);
    try (Connection c = db.connect()) {
      control.ensure(c);
      QualifiedName child = setUp(c, db)[1];
      List<DeferrableObject> before = new Catalog(c).deferrableObjects(child);
      assertEquals(2, before.size());

      assertEquals(before, deferral.defer(c, "spill", child));
      assertEquals(List.of(), new Catalog(c).deferrableObjects(child), "dropped");
      assertEquals(before, table.pending(c, child), "recorded, index first");
      assertEquals(java.util.Set.of(child.sql()), table.tablesWithPending(c,
          java.util.EnumSet.of(DeferrableObject.Kind.FOREIGN_KEY), false), "the table with a dropped foreign key");
      assertEquals(java.util.Set.of(), table.tablesWithPending(c, java.util.EnumSet.of(DeferrableObject.Kind.KEY), true),
          "no key was dropped");
      assertEquals(List.of(), deferral.defer(c, "spill", child), "a resumed load finds nothing more to drop");
      assertEquals(before, table.pendingOfSpill(c, "spill"), "still recorded after the second defer");

      TestConnections.execute(c, "INSERT INTO " + child.sql() + " SELECT g, 1 + g % 2, 't' || g FROM generate_series(1, 100) g");
      assertEquals(before, deferral.restore(c, child));
      assertEquals(before, new Catalog(c).deferrableObjects(child), "recreated identically");
      assertEquals(List.of(), table.pendingOfSpill(c, "spill"));
      assertEquals(java.util.Set.of(), table.tablesWithPending(c, java.util.EnumSet.allOf(DeferrableObject.Kind.class),
          true), "nothing pending once restored");
      assertEquals(List.of(), deferral.restore(c, child), "restoring twice is a no-op");
      assertEquals("2", TestConnections.queryOne(c, "SELECT count(*) FROM " + control.deferredTable().sql() + " WHERE state = 'restored'"));
    }
  }

  /**
   * Regression: the same spill deferring a table again after its objects were restored (its progress
   * reset after a TRUNCATE, as the stale-progress message says) found its old 'restored' records,
   * recorded nothing, and the load ended with the index and foreign key gone for good.
   */
  @Test
  void deferringAgainAfterARestoreRecordsTheObjectsAgain(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    DeferredObjectTable table = new DeferredObjectTable(control);
    IndexDeferral deferral = new IndexDeferral(table);
    try (Connection c = db.connect()) {
      control.ensure(c);
      QualifiedName child = setUp(c, db)[1];
      List<DeferrableObject> before = new Catalog(c).deferrableObjects(child);
      deferral.defer(c, "spill", child);
      assertEquals(before, deferral.restore(c, child));
      assertEquals(before, deferral.defer(c, "spill", child), "dropped again");
      assertEquals(before, table.pending(c, child), "pending again");
      assertEquals(before, deferral.restore(c, child));
      assertEquals(before, new Catalog(c).deferrableObjects(child), "recreated, not lost");
    }
  }

  @Test
  void aForeignKeyThatNoLongerHoldsFailsLoudlyAndStaysPending(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    DeferredObjectTable table = new DeferredObjectTable(control);
    IndexDeferral deferral = new IndexDeferral(table);
    try (Connection c = db.connect()) {
      control.ensure(c);
      QualifiedName child = setUp(c, db)[1];
      deferral.defer(c, "spill", child);
      TestConnections.execute(c, "INSERT INTO " + child.sql() + " VALUES (1, 99, 'orphan')");
      ConstraintBuildException e = assertThrows(ConstraintBuildException.class, () -> deferral.restore(c, child));
      assertEquals(java.util.Optional.of("Key (parent id)=(99) is not present in table \"Parent;\"."), e.detail());
      assertTrue(e.getMessage().contains("building foreign key \"fk; parent\" of " + child), e.getMessage());
      assertEquals(java.util.Optional.of("23503"), e.sqlState());
      assertEquals(List.of(DeferrableObject.Kind.FOREIGN_KEY),
          table.pending(c, child).stream().map(DeferrableObject::kind).toList(), "the index came back, the key waits");
      TestConnections.execute(c, "DELETE FROM " + child.sql() + " WHERE \"parent id\" = 99");
      assertEquals(1, deferral.restore(c, child).size(), "the next attempt restores it");
      assertEquals(List.of(), table.pendingOfSpill(c, "spill"));
    }
  }

  @Test
  void crashAfterRecreateBeforeMarkIsHealedByTheNextRestore(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    DeferredObjectTable table = new DeferredObjectTable(control);
    try (Connection c = db.connect()) {
      control.ensure(c);
      QualifiedName child = setUp(c, db)[1];
      List<DeferrableObject> objects = new IndexDeferral(table).defer(c, "spill", child);
      // someone (an older run, an operator) already put them back without marking them
      for (DeferrableObject o : objects) {
        TestConnections.execute(c, o.createSql());
      }
      assertEquals(objects, new IndexDeferral(table).restore(c, child));
      assertEquals(objects, new Catalog(c).deferrableObjects(child));
    }
  }
}
