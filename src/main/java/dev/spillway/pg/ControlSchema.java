package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema where spillway keeps its own state (default {@value #DEFAULT_NAME}, chosen with
 * {@code --control-schema}). Three tables, and a fourth once a load with {@code --shared} ran:
 * <pre>
 * segment_progress  one row per loaded segment, inserted in the segment's own transaction
 *   spill_id text, table_name text, segment_seq bigint, crc32c bigint (0..2^32-1),
 *   row_count bigint, byte_count bigint, loaded_at timestamptz default now()
 *   table_oid oid (the target's pg_class oid when loaded; null in rows of older versions)
 *   table_filenode oid (the target's pg_relation_filenode in the segment's transaction: TRUNCATE,
 *     VACUUM FULL and CLUSTER change it; null in rows of older versions)
 *   PRIMARY KEY (spill_id, table_name, segment_seq)
 * table_finish      one row per spill and target table whose finishing (restore, sequences,
 *                   ANALYZE) completed; a table loaded but without it is finished by the next load
 *   spill_id text, table_name text, finished_at timestamptz default now()
 *   PRIMARY KEY (spill_id, table_name)
 * deferred_object   indexes and foreign keys dropped by --defer-indexes, and the keys and
 *                   foreign keys of tables --create-tables created bare, until (re)built
 *   spill_id text, table_name text, kind text ('index' | 'foreign_key' | 'key'), name text,
 *   definition text, state text ('dropped' | 'restored'), recorded_at, restored_at,
 *   after_data boolean (true: recorded by --create-tables, built only after the table's data;
 *                       false: dropped by --defer-indexes)
 *   PRIMARY KEY (spill_id, table_name, kind, name)
 * segment_claim     one row per segment of a spill loaded with --shared, inserted before its loaders
 *                   start; a loader claims a segment by locking its row (FOR UPDATE SKIP LOCKED) in the
 *                   transaction that loads it, so the claim ends with that transaction or its session
 *                   ({@link SegmentClaim}); the rows themselves never change
 *   spill_id text, table_name text, segment_seq bigint
 *   PRIMARY KEY (spill_id, table_name, segment_seq)
 * </pre>
 * Control schemas of earlier versions are brought up to date by {@link #ensure} ({@code table_oid},
 * {@code after_data}, the {@code 'key'} kind).
 * {@code table_name} holds the target table's quoted qualified name ({@link QualifiedName#sql()},
 * e.g. {@code "debian"."package"}), so the same spill loaded into two schemas keeps two progresses.
 *
 * <p>{@link #ensure} is idempotent and creates only what is missing: an existing schema is never
 * re-created (Postgres checks {@code CREATE} on the database even for {@code CREATE SCHEMA IF NOT
 * EXISTS}), so a role that was given a prepared schema with only {@code USAGE} and table privileges
 * can load. Concurrent {@code ensure} calls serialize on a transaction-level advisory lock.
 * Immutable and thread-safe.
 */
public final class ControlSchema {
  public static final String DEFAULT_NAME = "spillway";
  public static final String PROGRESS_TABLE = "segment_progress";
  public static final String DEFERRED_TABLE = "deferred_object";
  public static final String FINISH_TABLE = "table_finish";
  public static final String CLAIM_TABLE = "segment_claim";
  /** The name Postgres gave deferred_object's check of {@code kind} in every version. */
  private static final String KIND_CHECK = "deferred_object_kind_check";
  private static final String KINDS = "('index', 'foreign_key', 'key')";
  /** Privileges the loader uses on both control tables. */
  private static final List<String> TABLE_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE");

  /** The control schema's exact name. */
  private final String schema;

  public ControlSchema(String schema) {
    this.schema = Identifiers.check(schema);
  }

  public String schema() {
    return schema;
  }

  public QualifiedName progressTable() {
    return new QualifiedName(schema, PROGRESS_TABLE);
  }

  public QualifiedName deferredTable() {
    return new QualifiedName(schema, DEFERRED_TABLE);
  }

  public QualifiedName finishTable() {
    return new QualifiedName(schema, FINISH_TABLE);
  }

  public QualifiedName claimTable() {
    return new QualifiedName(schema, CLAIM_TABLE);
  }

  public String createClaimTableSql() {
    return "CREATE TABLE IF NOT EXISTS " + claimTable().sql() + " ("
        + "spill_id text NOT NULL, "
        + "table_name text NOT NULL, "
        + "segment_seq bigint NOT NULL CHECK (segment_seq >= 0), "
        + "PRIMARY KEY (spill_id, table_name, segment_seq))";
  }

  public String createFinishTableSql() {
    return "CREATE TABLE IF NOT EXISTS " + finishTable().sql() + " ("
        + "spill_id text NOT NULL, "
        + "table_name text NOT NULL, "
        + "finished_at timestamptz NOT NULL DEFAULT now(), "
        + "PRIMARY KEY (spill_id, table_name))";
  }

  public String createSchemaSql() {
    return Ddl.createSchemaIfNotExists(schema);
  }

  public String createProgressTableSql() {
    return "CREATE TABLE IF NOT EXISTS " + progressTable().sql() + " ("
        + "spill_id text NOT NULL, "
        + "table_name text NOT NULL, "
        + "segment_seq bigint NOT NULL CHECK (segment_seq >= 0), "
        + "crc32c bigint NOT NULL CHECK (crc32c BETWEEN 0 AND 4294967295), "
        + "row_count bigint NOT NULL CHECK (row_count >= 0), "
        + "byte_count bigint NOT NULL CHECK (byte_count >= 0), "
        + "loaded_at timestamptz NOT NULL DEFAULT now(), "
        + "table_oid oid, "
        + "table_filenode oid, "
        + "PRIMARY KEY (spill_id, table_name, segment_seq))";
  }

  public String createDeferredTableSql() {
    return "CREATE TABLE IF NOT EXISTS " + deferredTable().sql() + " ("
        + "spill_id text NOT NULL, "
        + "table_name text NOT NULL, "
        + "kind text NOT NULL CONSTRAINT " + KIND_CHECK + " CHECK (kind IN " + KINDS + "), "
        + "name text NOT NULL, "
        + "definition text NOT NULL, "
        + "state text NOT NULL CHECK (state IN ('dropped', 'restored')), "
        + "recorded_at timestamptz NOT NULL DEFAULT now(), "
        + "restored_at timestamptz, "
        + "after_data boolean NOT NULL DEFAULT false, "
        + "PRIMARY KEY (spill_id, table_name, kind, name))";
  }

  /** All DDL in order, for {@code --print-ddl} style output or an administrator to run. */
  public List<String> ddl() {
    return List.of(createSchemaSql(), createProgressTableSql(), createDeferredTableSql(), createFinishTableSql(),
        createClaimTableSql());
  }

  /**
   * Creates whatever is missing and checks the role can use the rest.
   *
   * @throws ControlSchemaPrivilegeException naming the missing privilege
   */
  public void ensure(Connection c) {
    try {
      if (current(c)) {
        return; // one round trip for the common case: nothing to create, nothing missing
      }
      Jdbc.inTransaction(c, () -> {
        lockSchema(c);
        String role = scalar(c, "SELECT current_user");
        if (!schemaExists(c)) {
          String database = scalar(c, "SELECT current_database()");
          if (!bool(c, "SELECT has_database_privilege(current_database(), 'CREATE')")) {
            throw new ControlSchemaPrivilegeException(schema, role, "CREATE on database " + Identifiers.quote(database),
                "GRANT CREATE ON DATABASE " + Identifiers.quote(database) + " TO " + Identifiers.quote(role), null);
          }
          execute(c, createSchemaSql(), role);
          // created just now, so empty and ours: its tables in their current shape, in one round trip
          execute(c, createProgressTableSql() + "; " + createDeferredTableSql() + "; " + createFinishTableSql(), role);
          return null;
        } else if (!bool(c, "SELECT has_schema_privilege(?, 'USAGE')", schema)) {
          throw new ControlSchemaPrivilegeException(schema, role, "USAGE on schema " + Identifiers.quote(schema),
              "GRANT USAGE ON SCHEMA " + Identifiers.quote(schema) + " TO " + Identifiers.quote(role), null);
        }
        ensureTable(c, role, progressTable(), createProgressTableSql());
        for (String column : List.of("table_oid", "table_filenode")) { // added by later versions
          if (!bool(c, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?)"
              + " AND attname = ? AND NOT attisdropped)", progressTable().sql(), column)) {
            execute(c, "ALTER TABLE " + progressTable().sql() + " ADD COLUMN IF NOT EXISTS " + column + " oid", role);
          }
        }
        ensureTable(c, role, deferredTable(), createDeferredTableSql());
        upgradeDeferredTable(c, role);
        ensureTable(c, role, finishTable(), createFinishTableSql());
        return null;
      });
    } catch (SQLException e) {
      throw SqlErrors.wrap("setting up the control schema " + Identifiers.quote(schema), e);
    }
  }

  /**
   * Whether the schema and its three tables exist in their current shape and the role may use
   * them (looked up in pg_class, not with to_regclass, which fails without USAGE on the schema), in
   * one query that changes nothing (no lock, no transaction); false (or null) sends
   * {@link #ensure} down the path that creates, upgrades or names the missing privilege.
   */
  private boolean current(Connection c) throws SQLException {
    String sql = """
        WITH n AS (SELECT oid, has_schema_privilege(oid, 'USAGE') AS usage FROM pg_catalog.pg_namespace
                 WHERE nspname = ?),
          rels AS (SELECT c.relname, c.oid FROM pg_catalog.pg_class c JOIN n ON c.relnamespace = n.oid
                 WHERE c.relkind IN ('r', 'p')),
          t AS (SELECT (SELECT oid FROM rels WHERE relname = ?) AS progress, (SELECT oid FROM rels WHERE relname = ?) AS deferred,
                 (SELECT oid FROM rels WHERE relname = ?) AS finish)
        SELECT coalesce((SELECT usage FROM n), false)
          AND t.progress IS NOT NULL AND t.deferred IS NOT NULL AND t.finish IS NOT NULL
          AND (SELECT bool_and(has_table_privilege(r, p)) FROM unnest(ARRAY[t.progress, t.deferred, t.finish]) r,
                 unnest(ARRAY['SELECT', 'INSERT', 'UPDATE']) p)
          AND (SELECT count(*) = 2 FROM pg_catalog.pg_attribute WHERE attrelid = t.progress
                 AND attname IN ('table_oid', 'table_filenode') AND NOT attisdropped)
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = t.deferred AND attname = 'after_data'
                 AND NOT attisdropped)
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = t.deferred AND conname = ?
                 AND pg_get_constraintdef(oid) LIKE '%''key''%')
        FROM t""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, schema, PROGRESS_TABLE, DEFERRED_TABLE, FINISH_TABLE, KIND_CHECK);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1); // NULL reads as false
      }
    }
  }

  /** Serialises the control schema's setup among loaders, until the transaction ends. */
  private void lockSchema(Connection c) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, SpillLockKey.of("control schema " + schema));
      lock.execute();
    }
  }

  /**
   * After {@link #ensure}, for a shared load only: creates {@code segment_claim} if missing, or
   * checks the role can use it (loads without {@code --shared} never create it).
   *
   * @throws ControlSchemaPrivilegeException naming the missing privilege
   */
  public void ensureClaimTable(Connection c) {
    try {
      Jdbc.inTransaction(c, () -> {
        lockSchema(c);
        ensureTable(c, scalar(c, "SELECT current_user"), claimTable(), createClaimTableSql());
        return null;
      });
    } catch (SQLException e) {
      throw SqlErrors.wrap("setting up " + claimTable(), e);
    }
  }

  private void ensureTable(Connection c, String role, QualifiedName table, String ddl) throws SQLException {
    if (scalar(c, "SELECT to_regclass(?)::text", table.sql()) == null) {
      if (!bool(c, "SELECT has_schema_privilege(?, 'CREATE')", schema)) {
        throw new ControlSchemaPrivilegeException(schema, role, "CREATE on schema " + Identifiers.quote(schema),
            "GRANT CREATE ON SCHEMA " + Identifiers.quote(schema) + " TO " + Identifiers.quote(role), null);
      }
      execute(c, ddl, role);
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String privilege : TABLE_PRIVILEGES) {
      if (!bool(c, "SELECT has_table_privilege(?, '" + privilege + "')", table.sql())) {
        missing.add(privilege);
      }
    }
    if (!missing.isEmpty()) {
      String list = String.join(", ", missing);
      throw new ControlSchemaPrivilegeException(schema, role, list + " on table " + table,
          "GRANT " + list + " ON " + table + " TO " + Identifiers.quote(role), null);
    }
  }

  /** A deferred_object of an earlier version gets {@code after_data} and the {@code 'key'} kind. */
  private void upgradeDeferredTable(Connection c, String role) throws SQLException {
    String table = deferredTable().sql();
    if (!bool(c, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?)"
        + " AND attname = 'after_data' AND NOT attisdropped)", table)) {
      execute(c, "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS after_data boolean NOT NULL DEFAULT false", role);
    }
    if (!bool(c, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass(?) AND conname = ?"
        + " AND pg_get_constraintdef(oid) LIKE '%''key''%')", table, KIND_CHECK)) {
      execute(c, "ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + KIND_CHECK + ", ADD CONSTRAINT " + KIND_CHECK
          + " CHECK (kind IN " + KINDS + ")", role);
    }
  }

  private void execute(Connection c, String sql, String role) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      if ("42501".equals(e.getSQLState())) { // the checks above passed but the server still refused
        throw new ControlSchemaPrivilegeException(schema, role, "a privilege the server reports (" + e.getMessage() + ")",
            "as the server message says", e);
      }
      throw e;
    }
  }

  private boolean schemaExists(Connection c) throws SQLException {
    return scalar(c, "SELECT nspname::text FROM pg_catalog.pg_namespace WHERE nspname = ?", schema) != null;
  }

  private static String scalar(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static boolean bool(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  @Override
  public String toString() {
    return "ControlSchema[" + Identifiers.quote(schema) + "]";
  }
}
