package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class DdlTest {
  @Test
  void generatesQuotedDdl() {
    QualifiedName parent = QualifiedName.of("s", "P");
    TableDef t = new TableDef(QualifiedName.of("s", "t\"x"),
        List.of(new ColumnDef("id", "bigint"), new ColumnDef("Name", "text"), new ColumnDef("p id", "bigint")),
        Optional.of("id"), List.of("Name", "p id"), List.of(new ForeignKeyDef("p id", parent, "id")));
    assertEquals("CREATE TABLE IF NOT EXISTS \"s\".\"t\"\"x\" (\"id\" bigint NOT NULL, \"Name\" text NOT NULL, \"p id\" bigint NOT NULL, "
        + "PRIMARY KEY (\"id\"), UNIQUE (\"Name\", \"p id\"), FOREIGN KEY (\"p id\") REFERENCES \"s\".\"P\" (\"id\"))",
        Ddl.createTableIfNotExists(t));
    assertEquals("CREATE TABLE \"s\".\"t\"\"x\" (\"id\" bigint NOT NULL, \"Name\" text NOT NULL, \"p id\" bigint NOT NULL)",
        Ddl.createBareTable(t, false));
    assertEquals(List.of("ALTER TABLE \"s\".\"t\"\"x\" ADD CONSTRAINT \"t\"\"x_pkey\" PRIMARY KEY (\"id\")",
        "ALTER TABLE \"s\".\"t\"\"x\" ADD CONSTRAINT \"t\"\"x_Name_p id_key\" UNIQUE (\"Name\", \"p id\")",
        "ALTER TABLE \"s\".\"t\"\"x\" ADD CONSTRAINT \"t\"\"x_p id_fkey\" FOREIGN KEY (\"p id\") REFERENCES \"s\".\"P\" (\"id\")"),
        Ddl.afterData(t, false, new java.util.HashSet<>()).stream().map(DeferrableObject::createSql).toList());
    assertEquals(List.of(DeferrableObject.Kind.FOREIGN_KEY),
        Ddl.afterData(t, true, new java.util.HashSet<>()).stream().map(DeferrableObject::kind).toList(), "keys inline");
    assertEquals("CREATE SCHEMA IF NOT EXISTS \"a;b\"", Ddl.createSchemaIfNotExists("a;b"));
    assertEquals("COPY \"s\".\"P\" (\"id\", \"x y\") FROM STDIN (FORMAT binary)", Ddl.copyFromStdinBinary(parent, List.of("id", "x y")));
  }

  @Test
  void tableDefRejectsInconsistentDefinitions() {
    QualifiedName n = QualifiedName.of("s", "t");
    List<ColumnDef> cols = List.of(new ColumnDef("id", "bigint"));
    assertThrows(IllegalArgumentException.class, () -> new TableDef(n, List.of(), Optional.empty(), List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new TableDef(n, List.of(cols.get(0), cols.get(0)), Optional.empty(), List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new TableDef(n, cols, Optional.of("nope"), List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new TableDef(n, cols, Optional.empty(), List.of("nope"), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new TableDef(n, cols, Optional.empty(), List.of(),
        List.of(new ForeignKeyDef("nope", n, "id"))));
    assertThrows(IllegalArgumentException.class, () -> new ColumnDef("c", "int; drop table t"));
  }

  @Test
  void hostilePlanCreatesExactlyTheExpectedObjects(TestDatabase db) throws Exception {
    String schema = TestConnections.uniqueName("Sch\"ema; DROP TABLE x; -- ");
    QualifiedName parent = QualifiedName.of(schema, "Parent Table;");
    QualifiedName child = QualifiedName.of(schema, "child \"kid\" ü");
    TableDef parentDef = new TableDef(parent,
        List.of(new ColumnDef("Id", "bigint"), new ColumnDef("na;me", "varchar(20)")),
        Optional.of("Id"), List.of("na;me"), List.of());
    TableDef childDef = new TableDef(child,
        List.of(new ColumnDef("parent \"id\"", "bigint"), new ColumnDef("tag--x", "text"), new ColumnDef("n", "numeric(12,2)")),
        Optional.empty(), List.of("parent \"id\"", "tag--x"), List.of(new ForeignKeyDef("parent \"id\"", parent, "Id")));
    try (Connection c = db.connect()) {
      TestConnections.execute(c, "CREATE TABLE x (canary int)");
      try {
        for (int run = 0; run < 2; run++) { // idempotent
          for (String sql : Ddl.createAll(List.of(parentDef, childDef))) {
            TestConnections.execute(c, sql);
          }
        }
        assertEquals(List.of("Parent Table;|r", "Parent Table;_na;me_key|i", "Parent Table;_pkey|i",
                "child \"kid\" ü|r", "child \"kid\" ü_parent \"id\"_tag--x_key|i").stream().sorted().toList(),
            rows(c, "SELECT c.relname || '|' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ?", schema).stream().sorted().toList());
        assertEquals(List.of("Id|bigint|true", "na;me|character varying(20)|true"), columns(c, parent));
        assertEquals(List.of("parent \"id\"|bigint|true", "tag--x|text|true", "n|numeric(12,2)|false"), columns(c, child));
        assertEquals(List.of("p|{Id}|", "u|{na;me}|"), constraints(c, parent));
        assertEquals(List.of("f|{\"parent \\\"id\\\"\"}|" + parent.sql(), "u|{\"parent \\\"id\\\"\",tag--x}|"), constraints(c, child));
        assertEquals("0", TestConnections.queryOne(c, "SELECT count(*) FROM x"), "the canary table survived");
        assertEquals(List.of(), rows(c, "SELECT nspname::text FROM pg_namespace WHERE nspname LIKE '%DROP TABLE%' AND nspname <> ?", schema));

        TestConnections.execute(c, "INSERT INTO " + parent.sql() + " VALUES (1, 'one')");
        TestConnections.execute(c, "INSERT INTO " + child.sql() + " VALUES (1, 'a', 1.5)");
        assertThrows(java.sql.SQLException.class, () -> TestConnections.execute(c, "INSERT INTO " + child.sql() + " VALUES (2, 'a', 1)"),
            "the foreign key is enforced");
      } finally {
        TestConnections.execute(c, "DROP SCHEMA IF EXISTS " + Identifiers.quote(schema) + " CASCADE");
      }
    }
  }

  /**
   * Bare tables plus {@link Ddl#afterData} give the very objects (names included) that Postgres
   * gives the inline DDL, long names truncated alike: the server is the oracle for the names.
   */
  @Test
  void bareTablesPlusAfterDataEqualTheInlineDdlNamesIncluded(TestDatabase db) throws Exception {
    String inline = TestConnections.uniqueName("inline");
    String after = TestConnections.uniqueName("after");
    String longName = "t" + "é".repeat(25) + "x".repeat(5);
    String longColumn = "c" + "ü".repeat(20);
    try (Connection c = db.connect()) {
      try {
        for (String schema : List.of(inline, after)) {
          QualifiedName p = QualifiedName.of(schema, "Parent;");
          QualifiedName t = QualifiedName.of(schema, longName);
          TableDef parentDef = new TableDef(p, List.of(new ColumnDef("id", "bigint"), new ColumnDef("name", "text")),
              Optional.of("id"), List.of("name"), List.of());
          TableDef def = new TableDef(t, List.of(new ColumnDef("id", "bigint"), new ColumnDef(longColumn, "text"),
              new ColumnDef("parent id", "bigint"), new ColumnDef("self id", "bigint")), Optional.of("id"),
              List.of(longColumn, "parent id"), List.of(new ForeignKeyDef("parent id", p, "id"), new ForeignKeyDef("self id", t, "id")));
          if (schema.equals(inline)) {
            for (String sql : Ddl.createAll(List.of(parentDef, def))) {
              TestConnections.execute(c, sql);
            }
          } else {
            TestConnections.execute(c, Ddl.createSchemaIfNotExists(schema));
            java.util.Set<String> used = new java.util.HashSet<>();
            List<DeferrableObject> later = new ArrayList<>();
            for (TableDef d : List.of(def, parentDef)) { // children first: nothing needs an order
              TestConnections.execute(c, Ddl.createBareTable(d, false));
              later.addAll(Ddl.afterData(d, false, used));
            }
            later.sort(java.util.Comparator.comparing(o -> o.kind() != DeferrableObject.Kind.KEY));
            for (DeferrableObject o : later) {
              TestConnections.execute(c, o.createSql());
            }
          }
        }
        String objects = "SELECT c.relname || '|' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? ORDER BY 1";
        assertEquals(rows(c, objects, inline), rows(c, objects, after));
        String names = "SELECT r.relname || '|' || k.conname || '|' || pg_get_constraintdef(k.oid) FROM pg_constraint k"
            + " JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = ? ORDER BY 1";
        assertEquals(rows(c, names, inline).stream().map(r -> r.replace(inline, "S")).toList(),
            rows(c, names, after).stream().map(r -> r.replace(after, "S")).toList());
        assertEquals(columns(c, QualifiedName.of(inline, longName)), columns(c, QualifiedName.of(after, longName)));
        assertEquals(6, rows(c, names, after).size(), "2 primary keys, 2 unique keys, 2 foreign keys");
      } finally {
        TestConnections.execute(c, "DROP SCHEMA IF EXISTS " + Identifiers.quote(inline) + " CASCADE");
        TestConnections.execute(c, "DROP SCHEMA IF EXISTS " + Identifiers.quote(after) + " CASCADE");
      }
    }
  }

  private static List<String> columns(Connection c, QualifiedName t) throws Exception {
    return rows(c, "SELECT attname || '|' || format_type(atttypid, atttypmod) || '|' || attnotnull FROM pg_attribute "
        + "WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped ORDER BY attnum", t.sql());
  }

  /** contype|column names|referenced table (quoted qualified, or empty), sorted. */
  private static List<String> constraints(Connection c, QualifiedName t) throws Exception {
    return new ArrayList<>(new TreeSet<>(rows(c, "SELECT k.contype::text || '|' || "
        + "(SELECT array_agg(a.attname ORDER BY u.ord) FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord) "
        + "  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum)::text || '|' || "
        + "coalesce((SELECT quote_ident(n.nspname) || '.' || quote_ident(r.relname) FROM pg_class r "
        + "  JOIN pg_namespace n ON n.oid = r.relnamespace WHERE r.oid = k.confrelid), '') "
        + "FROM pg_constraint k WHERE k.conrelid = CAST(? AS regclass)", t.sql())));
  }

  static List<String> rows(Connection c, String sql, String param) throws Exception {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
