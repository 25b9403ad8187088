package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class CatalogTest {
  private static void setUp(Connection c, QualifiedName parent, QualifiedName t) throws Exception {
    TestConnections.execute(c, "CREATE DOMAIN \"Pos Int\" AS integer CHECK (VALUE > 0)");
    TestConnections.execute(c, "CREATE TABLE " + parent.sql() + " (id bigint PRIMARY KEY)");
    TestConnections.execute(c, "CREATE TABLE " + t.sql() + " ("
        + "\"Id\" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
        + "\"na me\" varchar(10) NOT NULL, "
        + "serial_no serial, "
        + "qty \"Pos Int\", "
        + "\"parent;id\" bigint REFERENCES " + parent.sql() + " (id), "
        + "total numeric GENERATED ALWAYS AS (qty * 2) STORED, "
        + "must text NOT NULL, "
        + "UNIQUE (\"na me\"))");
  }

  @Test
  void readsColumnsWithTypesAndFlags(TestDatabase db) throws Exception {
    QualifiedName parent = QualifiedName.of(db.schema(), "Parent");
    QualifiedName t = QualifiedName.of(db.schema(), "Orders \"x\"");
    try (Connection c = db.connect()) {
      setUp(c, parent, t);
      List<ColumnInfo> cols = new Catalog(c).columns(t);
      assertEquals(List.of("Id", "na me", "serial_no", "qty", "parent;id", "total", "must"), cols.stream().map(ColumnInfo::name).toList());
      assertEquals("character varying(10)", cols.get(1).type());
      assertEquals("always", cols.get(0).identity());
      assertTrue(cols.get(2).hasDefault());
      assertTrue(cols.get(5).generated());
      assertTrue(cols.get(6).requiresValue());
      assertFalse(cols.get(1).requiresValue() && !cols.get(1).notNull());
      assertEquals(Long.parseLong(TestConnections.queryOne(c, "SELECT 'integer'::regtype::oid")), cols.get(3).baseTypeOid());
      assertTrue(new Catalog(c).tableExists(t));
      assertFalse(new Catalog(c).tableExists(QualifiedName.of(db.schema(), "orders \"x\"")), "exact case, no folding");
    }
  }

  @Test
  void foreignKeysOfManyTablesInOneLookUpEqualThoseOfEach(TestDatabase db) throws Exception {
    QualifiedName parent = QualifiedName.of(db.schema(), "Parent");
    QualifiedName t = QualifiedName.of(db.schema(), "Orders \"x\"");
    QualifiedName two = QualifiedName.of(db.schema(), "two keys");
    try (Connection c = db.connect()) {
      setUp(c, parent, t);
      TestConnections.execute(c, "CREATE TABLE " + two.sql() + " (a bigint REFERENCES " + parent.sql()
          + " (id), b bigint, CONSTRAINT \"b key\" FOREIGN KEY (b) REFERENCES " + parent.sql() + " (id) DEFERRABLE)");
      Catalog catalog = new Catalog(c);
      List<QualifiedName> tables = List.of(two, parent, t);
      Map<QualifiedName, List<ForeignKeyInfo>> all = catalog.foreignKeys(tables);
      assertEquals(tables, List.copyOf(all.keySet()), "every table, in order, also one without foreign keys");
      for (QualifiedName table : tables) {
        assertEquals(catalog.foreignKeys(table), all.get(table), table.toString());
      }
      assertEquals(2, all.get(two).size());
      assertEquals(List.of(), all.get(parent));
      assertTrue(catalog.foreignKeys(List.of()).isEmpty());
      QualifiedName missing = QualifiedName.of(db.schema(), "parent");
      TableMismatchException e = assertThrows(TableMismatchException.class,
          () -> catalog.foreignKeys(List.of(parent, missing)));
      assertEquals(missing, e.table());
    }
  }

  @Test
  void checkColumnsAcceptsMatchingSpillAndAliases(TestDatabase db) throws Exception {
    QualifiedName parent = QualifiedName.of(db.schema(), "Parent");
    QualifiedName t = QualifiedName.of(db.schema(), "Orders \"x\"");
    try (Connection c = db.connect()) {
      setUp(c, parent, t);
      new Catalog(c).checkColumns(t, List.of(new ColumnDef("must", "text"), new ColumnDef("Id", "int8"),
          new ColumnDef("na me", "character varying(30)"), new ColumnDef("qty", "int4"), new ColumnDef("parent;id", "bigint")));
      c.setAutoCommit(false); // inside a transaction an unparseable type must not abort it
      assertThrows(TableMismatchException.class, () -> new Catalog(c).checkColumns(t, List.of(new ColumnDef("must", "no such type"))));
      assertEquals("1", TestConnections.queryOne(c, "SELECT 1"));
      c.rollback();
    }
  }

  @Test
  void checkColumnsNamesTableAndColumnForEveryProblem(TestDatabase db) throws Exception {
    QualifiedName parent = QualifiedName.of(db.schema(), "Parent");
    QualifiedName t = QualifiedName.of(db.schema(), "Orders \"x\"");
    try (Connection c = db.connect()) {
      setUp(c, parent, t);
      TableMismatchException e = assertThrows(TableMismatchException.class, () -> new Catalog(c).checkColumns(t, List.of(
          new ColumnDef("Id", "integer"), new ColumnDef("na me", "text"), new ColumnDef("ghost", "text"),
          new ColumnDef("total", "numeric"), new ColumnDef("qty", "nosuchtype"))));
      assertEquals(t, e.table());
      assertTrue(e.getMessage().startsWith("table " + t.sql() + " does not match the spill: "), e.getMessage());
      assertEquals(List.of(
          "column \"Id\": the spill has type integer, the table has bigint",
          "column \"na me\": the spill has type text, the table has character varying(10)",
          "column \"ghost\" is missing (the spill has it as text)",
          "column \"total\" is a generated column and cannot be loaded",
          "column \"qty\": the spill's type nosuchtype is unknown to the server",
          "column \"must\" is NOT NULL without a default and the spill has no values for it"), e.problems());
      TableMismatchException missing = assertThrows(TableMismatchException.class,
          () -> new Catalog(c).checkColumns(QualifiedName.of(db.schema(), "nope"), List.of(new ColumnDef("a", "text"))));
      assertTrue(missing.getMessage().contains("\"nope\" does not match the spill: table does not exist"), missing.getMessage());
    }
  }

  @Test
  void deferrableObjectsAreNonUniqueIndexesAndForeignKeysFullyQualified(TestDatabase db) throws Exception {
    QualifiedName parent = QualifiedName.of(db.schema(), "Parent");
    QualifiedName t = QualifiedName.of(db.schema(), "Orders \"x\"");
    try (Connection c = db.connect()) {
      setUp(c, parent, t);
      TestConnections.execute(c, "CREATE INDEX \"By Must\" ON " + t.sql() + " (must)");
      TestConnections.execute(c, "CREATE INDEX partial_idx ON " + t.sql() + " (qty) WHERE qty > 5");
      TestConnections.execute(c, "CREATE INDEX expr_idx ON " + t.sql() + " (lower(must))");
      TestConnections.execute(c, "CREATE UNIQUE INDEX uniq_idx ON " + t.sql() + " (must, qty)");
      List<DeferrableObject> objects = new Catalog(c).deferrableObjects(t);
      assertEquals(List.of("INDEX By Must", "INDEX expr_idx", "INDEX partial_idx", "FOREIGN_KEY Orders \"x\"_parent;id_fkey"),
          objects.stream().map(o -> o.kind() + " " + o.name()).toList());
      for (DeferrableObject o : objects) {
        assertTrue(o.definition().contains(db.schema() + "."), "qualified: " + o.definition());
      }
      assertEquals(db.schema(), TestConnections.queryOne(c, "SELECT current_setting('search_path')"),
          "the session's search_path is restored");

      // drop and recreate from the recorded definitions on a session with another search_path
      try (Connection other = db.connectAdmin()) {
        for (DeferrableObject o : objects) {
          TestConnections.execute(other, o.dropSql());
          assertFalse(new Catalog(other).exists(o));
        }
        assertEquals(List.of(), new Catalog(other).deferrableObjects(t));
        for (DeferrableObject o : objects) {
          TestConnections.execute(other, o.createSql());
          assertTrue(new Catalog(other).exists(o));
        }
        TestConnections.execute(other, objects.get(0).createSql()); // IF NOT EXISTS: a second run is harmless
      }
      assertEquals(objects, new Catalog(c).deferrableObjects(t), "recreated identically");
    }
  }

  @Test
  void sequencesOfIdentityAndSerialColumnsAdvancePastTheMaximum(TestDatabase db) throws Exception {
    QualifiedName parent = QualifiedName.of(db.schema(), "Parent");
    QualifiedName t = QualifiedName.of(db.schema(), "Orders \"x\"");
    try (Connection c = db.connect()) {
      setUp(c, parent, t);
      Catalog catalog = new Catalog(c);
      List<ColumnSequence> seqs = catalog.sequences(t);
      assertEquals(List.of("Id", "serial_no"), seqs.stream().map(ColumnSequence::column).toList());
      assertTrue(seqs.get(0).identity());
      assertFalse(seqs.get(1).identity());
      assertEquals(OptionalLong.empty(), catalog.advanceSequence(seqs.get(0)), "empty table: left alone");

      TestConnections.execute(c, "INSERT INTO " + t.sql() + " (\"Id\", \"na me\", serial_no, must) OVERRIDING SYSTEM VALUE "
          + "SELECT g, 'n' || g, g * 10, 'm' FROM generate_series(1, 40) g");
      assertEquals(OptionalLong.of(40), catalog.advanceSequence(seqs.get(0)));
      assertEquals(OptionalLong.of(400), catalog.advanceSequence(seqs.get(1)));
      TestConnections.execute(c, "INSERT INTO " + t.sql() + " (\"na me\", must) VALUES ('next', 'm')");
      assertEquals("41|401", TestConnections.queryOne(c, "SELECT \"Id\" || '|' || serial_no FROM " + t.sql() + " WHERE \"na me\" = 'next'"));

      TestConnections.execute(c, "SELECT setval(" + "'" + seqs.get(0).sequence().sql().replace("'", "''") + "', 1000)");
      assertEquals(OptionalLong.empty(), catalog.advanceSequence(seqs.get(0)), "never moves backwards");
      assertEquals(OptionalLong.of(41), catalog.maxValue(t, "Id"));
    }
  }
}
