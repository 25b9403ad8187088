package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class ControlSchemaTest {
  private TestDatabase db;
  private String role;
  private String ownSchema;

  @AfterEach
  void dropRoleAndSchema() throws Exception {
    if (db == null) {
      return;
    }
    try (Connection admin = db.connectAdmin()) {
      if (ownSchema != null) {
        TestConnections.execute(admin, "DROP SCHEMA IF EXISTS " + Identifiers.quote(ownSchema) + " CASCADE");
      }
      if (role != null) {
        TestConnections.execute(admin, "DROP OWNED BY " + Identifiers.quote(role));
        TestConnections.execute(admin, "DROP ROLE " + Identifiers.quote(role));
      }
    }
  }

  private Connection connectAsNewRole(TestDatabase db) throws Exception {
    this.db = db;
    role = TestConnections.uniqueName("spw role ");
    try (Connection admin = db.connectAdmin()) {
      TestConnections.execute(admin, "CREATE ROLE " + Identifiers.quote(role) + " LOGIN");
    }
    return TestConnections.factory(db, role).open();
  }

  @Test
  void ensureCreatesSchemaAndTablesIdempotently(TestDatabase db) throws Exception {
    this.db = db;
    ownSchema = TestConnections.uniqueName("Spillway Ctl;");
    ControlSchema control = new ControlSchema(ownSchema);
    try (Connection c = db.connectAdmin()) {
      control.ensure(c);
      control.ensure(c);
      assertTrue(c.getAutoCommit(), "autocommit restored");
      assertEquals(List.of("deferred_object", "segment_progress", "table_finish"), DdlTest.rows(c,
          "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
              + "WHERE n.nspname = ? AND c.relkind = 'r' ORDER BY 1", ownSchema));
      assertEquals(List.of("spill_id", "table_name", "segment_seq"), DdlTest.rows(c,
          "SELECT a.attname::text FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey) "
              + "WHERE x.indisprimary AND x.indrelid = CAST(? AS regclass) ORDER BY array_position(x.indkey::int2[], a.attnum)",
          control.progressTable().sql()));
    }
  }

  /**
   * A control schema already in its current shape costs one query: no transaction, so no wait on
   * the lock that serializes creators (held here by another session), and nothing changes; a
   * table missing from it sends ensure down the creating path, which waits for that lock.
   */
  @Test
  void aCurrentSchemaIsCheckedWithoutTakingTheCreatorsLock(TestDatabase db) throws Exception {
    this.db = db;
    ownSchema = TestConnections.uniqueName("ctl_");
    ControlSchema control = new ControlSchema(ownSchema);
    try (Connection c = db.connectAdmin(); Connection holder = db.connectAdmin()) {
      control.ensure(c);
      holder.setAutoCommit(false);
      TestConnections.execute(holder, "SELECT pg_advisory_xact_lock(" + SpillLockKey.of("control schema " + ownSchema) + ")");
      // a wait for the lock would last the minute of lock_timeout, then fail: well apart from a slow query
      TestConnections.execute(c, "SET lock_timeout = '60s'");
      long started = System.nanoTime();
      control.ensure(c);
      assertTrue(System.nanoTime() - started < 30_000_000_000L, "waited for the creators' lock");

      TestConnections.execute(c, "SET lock_timeout = '2s'");
      TestConnections.execute(c, "DROP TABLE " + control.finishTable().sql());
      PgException waited = assertThrows(PgException.class, () -> control.ensure(c));
      assertTrue(waited.getMessage().contains("lock timeout"), waited.getMessage());
      holder.rollback();
      control.ensure(c);
      assertTrue(TestConnections.queryOne(c, "SELECT to_regclass('" + control.finishTable().sql().replace("'", "''")
          + "')::text") != null, "created again");
    }
  }

  /** A deferred_object of the previous version gets after_data and the 'key' kind, its rows kept. */
  @Test
  void ensureUpgradesAnOlderDeferredObjectTable(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    String table = control.deferredTable().sql();
    try (Connection c = db.connectAdmin()) {
      TestConnections.execute(c, "CREATE TABLE " + table + " (spill_id text NOT NULL, table_name text NOT NULL,"
          + " kind text NOT NULL CHECK (kind IN ('index', 'foreign_key')), name text NOT NULL, definition text NOT NULL,"
          + " state text NOT NULL CHECK (state IN ('dropped', 'restored')), recorded_at timestamptz NOT NULL DEFAULT now(),"
          + " restored_at timestamptz, PRIMARY KEY (spill_id, table_name, kind, name))");
      TestConnections.execute(c, "INSERT INTO " + table + " (spill_id, table_name, kind, name, definition, state)"
          + " VALUES ('old', 't', 'index', 'i', 'CREATE INDEX i ON s.t (c)', 'dropped')");
      control.ensure(c);
      control.ensure(c);
      DeferredObjectTable deferred = new DeferredObjectTable(control);
      DeferrableObject key = new DeferrableObject(DeferrableObject.Kind.KEY, QualifiedName.of("s", "t"), "t_pkey",
          "PRIMARY KEY (\"id\")");
      c.setAutoCommit(false);
      deferred.recordAfterData(c, "new", key);
      c.commit();
      c.setAutoCommit(true);
      assertEquals(List.of("old|index|false", "new|key|true"), DdlTest.rows(c, "SELECT spill_id || '|' || kind || '|' || after_data"
          + " FROM " + table + " WHERE table_name <> ? ORDER BY recorded_at, kind DESC", "-"));
      assertEquals(List.of(key), deferred.pending(c, QualifiedName.of("s", "t"), java.util.EnumSet.of(DeferrableObject.Kind.KEY), true));
      assertEquals(List.of(), deferred.pending(c, QualifiedName.of("s", "t"), java.util.EnumSet.of(DeferrableObject.Kind.KEY), false),
          "what is built after the data is not restored before it");
    }
  }

  @Test
  void progressRowsRoundTrip(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    ProgressTable progress = new ProgressTable(control);
    String table = QualifiedName.of("debian", "package \"x\"").sql();
    SegmentLoad s = new SegmentLoad("spill-1", table, 3, 0xFFFF_FFFFL, 1000, 65536);
    try (Connection c = db.connectAdmin()) {
      control.ensure(c);
      c.setAutoCommit(false);
      progress.insert(c, s);
      progress.insert(c, new SegmentLoad("spill-1", table, 4, 0, 0, 19));
      progress.insert(c, new SegmentLoad("spill-2", table, 3, 1, 1, 1));
      c.commit();
      assertEquals(s, progress.find(c, "spill-1", table, 3).orElseThrow().segment());
      assertEquals(Optional.empty(), progress.find(c, "spill-1", table, 5));
      assertEquals(List.of(3L, 4L), progress.list(c, "spill-1").stream().map(r -> r.segment().segmentSeq()).toList());
      PgException dup = assertThrows(PgException.class, () -> progress.insert(c, s));
      assertEquals(Optional.of("23505"), dup.sqlState());
      assertTrue(dup.getMessage().contains("segment 3 of " + table + " (spill spill-1)"), dup.getMessage());
      c.rollback();
    }
  }

  @Test
  void roleWithoutCreateOnDatabaseIsToldWhatIsMissing(TestDatabase db) throws Exception {
    ownSchema = TestConnections.uniqueName("ctl_");
    try (Connection c = connectAsNewRole(db)) {
      ControlSchemaPrivilegeException e = assertThrows(ControlSchemaPrivilegeException.class,
          () -> new ControlSchema(ownSchema).ensure(c));
      String database = TestConnections.queryOne(c, "SELECT current_database()");
      assertEquals("CREATE on database \"" + database + "\"", e.missingPrivilege());
      assertTrue(e.getMessage().contains("lacks CREATE on database \"" + database + "\""), e.getMessage());
      assertTrue(e.getMessage().contains("GRANT CREATE ON DATABASE \"" + database + "\" TO " + Identifiers.quote(role)), e.getMessage());
      assertTrue(e.getMessage().contains("--control-schema"), e.getMessage());
      assertEquals(role, e.role());
      assertTrue(c.getAutoCommit());
      assertEquals("1", TestConnections.queryOne(c, "SELECT 1"), "the connection is still usable");
    }
  }

  @Test
  void existingSchemaWithoutCreateOrUsage(TestDatabase db) throws Exception {
    ownSchema = TestConnections.uniqueName("ctl_");
    try (Connection c = connectAsNewRole(db); Connection admin = db.connectAdmin()) {
      TestConnections.execute(admin, "CREATE SCHEMA " + ownSchema);
      ControlSchemaPrivilegeException noUsage = assertThrows(ControlSchemaPrivilegeException.class,
          () -> new ControlSchema(ownSchema).ensure(c));
      assertEquals("USAGE on schema \"" + ownSchema + "\"", noUsage.missingPrivilege());

      TestConnections.execute(admin, "GRANT USAGE ON SCHEMA " + ownSchema + " TO " + Identifiers.quote(role));
      ControlSchemaPrivilegeException noCreate = assertThrows(ControlSchemaPrivilegeException.class,
          () -> new ControlSchema(ownSchema).ensure(c));
      assertEquals("CREATE on schema \"" + ownSchema + "\"", noCreate.missingPrivilege());
      assertTrue(noCreate.getMessage().contains("GRANT CREATE ON SCHEMA \"" + ownSchema + "\""), noCreate.getMessage());

      TestConnections.execute(admin, "GRANT CREATE ON SCHEMA " + ownSchema + " TO " + Identifiers.quote(role));
      new ControlSchema(ownSchema).ensure(c); // --control-schema pointing at a schema with CREATE works
      assertEquals("3", TestConnections.queryOne(c, "SELECT count(*) FROM pg_tables WHERE schemaname = '" + ownSchema + "'"));
    }
  }

  @Test
  void preparedSchemaNeedsOnlyUsageAndTablePrivileges(TestDatabase db) throws Exception {
    ownSchema = TestConnections.uniqueName("ctl_");
    ControlSchema control = new ControlSchema(ownSchema);
    try (Connection c = connectAsNewRole(db); Connection admin = db.connectAdmin()) {
      control.ensure(admin);
      String r = Identifiers.quote(role);
      TestConnections.execute(admin, "GRANT USAGE ON SCHEMA " + Identifiers.quote(ownSchema) + " TO " + r);
      TestConnections.execute(admin, "GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA " + Identifiers.quote(ownSchema) + " TO " + r);
      ControlSchemaPrivilegeException noInsert = assertThrows(ControlSchemaPrivilegeException.class, () -> control.ensure(c));
      assertEquals("INSERT on table " + control.progressTable(), noInsert.missingPrivilege());

      TestConnections.execute(admin, "GRANT INSERT ON ALL TABLES IN SCHEMA " + Identifiers.quote(ownSchema) + " TO " + r);
      control.ensure(c);
      c.setAutoCommit(false);
      new ProgressTable(control).insert(c, new SegmentLoad("s", "\"a\".\"b\"", 0, 1, 2, 3));
      c.commit();
      assertEquals(1, new ProgressTable(control).list(c, "s").size());
    }
  }
}
