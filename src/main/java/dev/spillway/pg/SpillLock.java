package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The guarantee that one loader at a time works on a spill: a session-level
 * {@code pg_try_advisory_lock(key)} with {@code key = }{@link SpillLockKey#of}(spill id), taken on a
 * dedicated connection that this object holds for the load's lifetime. A shared load
 * ({@code --shared}) takes the same key with {@code pg_try_advisory_lock_shared}: shared loaders
 * coexist, while a load without {@code --shared} is refused as long as any of them runs, and they
 * are refused while it runs. The lock goes away with the
 * session, so a killed loader never leaves it behind. Close it when the load ends.
 *
 * <p>Shared loaders divide the work through the claim and progress tables of their control schema,
 * so all shared loaders of one spill must use the same one: a shared loader also takes, before the
 * spill's key, a shared lock keyed on (spill id, control schema) ({@link #controlSchemaKey}), and
 * after taking the spill's key it refuses to run when any other holder of the spill's key lacks that
 * second key. Two loaders with different schemas starting at the same moment may both be refused;
 * never can both run.
 *
 * <p>Not thread-safe; {@link #verifyHeld} may be called between segments to notice a lost session.
 */
public final class SpillLock implements AutoCloseable {
  /** The oid of the database the session is connected to, as {@code pg_locks.database} holds it. */
  private static final String CURRENT_DATABASE =
      "(SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())";
  private final String spillId;
  private final long key;
  /** The dedicated session that holds the lock; closed by {@link #close}. */
  private final Connection connection;
  private final int backendPid;
  /** Held in shared mode (a {@code --shared} load). */
  private final boolean shared;
  /** The (spill id, control schema) key a shared loader holds too; null when not shared. */
  private final Long schemaKey;

  private SpillLock(String spillId, long key, Connection connection, int backendPid, boolean shared, Long schemaKey) {
    this.spillId = spillId;
    this.key = key;
    this.connection = connection;
    this.backendPid = backendPid;
    this.shared = shared;
    this.schemaKey = schemaKey;
  }

  /** The advisory-lock key every shared loader of {@code spillId} using {@code controlSchema} holds. */
  public static long controlSchemaKey(String spillId, String controlSchema) {
    return SpillLockKey.of("spill " + spillId + " control schema " + controlSchema);
  }

  /**
   * Opens a dedicated connection and takes the spill's lock without waiting.
   *
   * @throws SpillLockedException naming the spill and the holder when another session has it
   */
  public static SpillLock acquire(ConnectionFactory factory, String spillId) {
    return acquire(factory, spillId, false);
  }

  /**
   * Like {@link #acquire(ConnectionFactory, String)}; with {@code shared}, the lock other shared
   * loaders of the spill may hold too.
   *
   * @throws SpillLockedException naming the spill and a holder when a session holds it in a mode that excludes this one
   */
  public static SpillLock acquire(ConnectionFactory factory, String spillId, boolean shared) {
    return acquire(factory, spillId, shared, ControlSchema.DEFAULT_NAME);
  }

  /**
   * Like {@link #acquire(ConnectionFactory, String, boolean)}; a shared loader also checks that every
   * other shared loader of the spill uses {@code controlSchema}.
   *
   * @throws SpillLockedException naming the spill, a holder and, when it can be found, the holder's
   *                              control schema when a shared loader of the spill uses another one
   */
  public static SpillLock acquire(ConnectionFactory factory, String spillId, boolean shared, String controlSchema) {
    long key = SpillLockKey.of(spillId);
    Long schemaKey = shared ? controlSchemaKey(spillId, controlSchema) : null;
    Connection c = factory.open();
    try {
      if (schemaKey != null) { // before the spill's key: whoever holds that and passed the check below holds this
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock_shared(?)")) {
          ps.setLong(1, schemaKey);
          ps.execute();
        }
      }
      int pid;
      boolean locked;
      String sql = "SELECT pg_try_advisory_lock" + (shared ? "_shared" : "") + "(?), pg_backend_pid()";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          locked = rs.getBoolean(1);
          pid = rs.getInt(2);
        }
      }
      if (!locked) {
        throw holder(c, spillId, key, shared);
      }
      if (schemaKey != null) {
        checkSameControlSchema(c, spillId, key, schemaKey, controlSchema);
      }
      return new SpillLock(spillId, key, c, pid, shared, schemaKey);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof SQLException sql) {
        throw SqlErrors.wrap("taking the advisory lock of spill " + spillId, sql);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * The condition that the {@code pg_locks} row aliased {@code alias} is a granted advisory lock on
   * a bigint key: the key's high and low halves are its two parameters, set by {@link #setKey}.
   */
  private static String heldKey(String alias) {
    return alias + ".locktype = 'advisory' AND " + alias + ".granted AND " + alias + ".objsubid = 1 AND " + alias
        + ".classid = CAST(? AS oid) AND " + alias + ".objid = CAST(? AS oid)";
  }

  /** Sets the two parameters of a {@link #heldKey} condition, from {@code index} on, to {@code key}. */
  private static void setKey(PreparedStatement ps, int index, long key) throws SQLException {
    ps.setLong(index, key >>> 32);
    ps.setLong(index + 1, key & 0xFFFF_FFFFL);
  }

  private static SpillLockedException holder(Connection c, String spillId, long key, boolean shared)
      throws SQLException {
    String sql = "SELECT l.pid, a.application_name, a.usename::text, host(a.client_addr), a.backend_start::text, l.mode"
        + " FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
        + " WHERE " + heldKey("l") + " AND l.database = " + CURRENT_DATABASE + " LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      setKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new SpillLockedException(spillId, key, -1, null, "");
        }
        String details = (rs.getString(3) == null ? "" : ", user \"" + rs.getString(3) + "\"")
            + (rs.getString(4) == null ? "" : ", client " + rs.getString(4))
            + (rs.getString(5) == null ? "" : ", connected since " + rs.getString(5));
        boolean heldShared = "ShareLock".equals(rs.getString(6));
        if (heldShared && !shared) {
          details += "; that is a load with --shared: add --shared to join it";
        } else if (!heldShared && shared) {
          details += "; that load runs without --shared, so no shared loader may join it";
        }
        return new SpillLockedException(spillId, key, rs.getInt(1), rs.getString(2), details);
      }
    }
  }

  /**
   * Refuses when a session other than this one holds the spill's key but not {@code schemaKey}: a
   * shared loader with another control schema (or one about to be refused for the same reason).
   */
  private static void checkSameControlSchema(Connection c, String spillId, long key, long schemaKey,
      String controlSchema) throws SQLException {
    String sql = "SELECT l.pid, a.application_name, a.usename::text, host(a.client_addr)"
        + " FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
        + " WHERE " + heldKey("l") + " AND l.pid <> pg_backend_pid() AND l.database = " + CURRENT_DATABASE
        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_locks s WHERE s.pid = l.pid AND s.database = l.database"
        + " AND " + heldKey("s") + ") LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      setKey(ps, 1, key);
      setKey(ps, 3, schemaKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        int other = rs.getInt(1);
        String theirs = otherControlSchema(c, spillId, other);
        String details = (rs.getString(3) == null ? "" : ", user \"" + rs.getString(3) + "\"")
            + (rs.getString(4) == null ? "" : ", client " + rs.getString(4))
            + "; that shared loader uses " + (theirs == null ? "another --control-schema" : "--control-schema "
            + theirs) + " and this one --control-schema " + controlSchema + ": claims and progress rows live in the"
            + " control schema, so all shared loaders of one spill must use the same --control-schema";
        throw new SpillLockedException(spillId, key, other, rs.getString(2), details);
      }
    }
  }

  /** The control schema whose (spill, schema) key {@code pid} holds, among the schemas with a claim table; else null. */
  private static String otherControlSchema(Connection c, String spillId, int pid) throws SQLException {
    String sql = """
        SELECT n.nspname::text FROM pg_catalog.pg_class t JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
        WHERE t.relname = ? ORDER BY 1""";
    List<String> candidates = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, ControlSchema.CLAIM_TABLE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          candidates.add(rs.getString(1));
        }
      }
    }
    String held = "SELECT 1 FROM pg_catalog.pg_locks l WHERE l.pid = ? AND " + heldKey("l");
    try (PreparedStatement ps = c.prepareStatement(held)) {
      for (String schema : candidates) {
        ps.setInt(1, pid);
        setKey(ps, 2, controlSchemaKey(spillId, schema));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return schema;
          }
        }
      }
    }
    return null;
  }

  public String spillId() {
    return spillId;
  }

  /** The advisory lock key ({@link SpillLockKey#of}(spill id)). */
  public long key() {
    return key;
  }

  /** Backend pid of the session holding the lock. */
  public int backendPid() {
    return backendPid;
  }

  /**
   * Checks that the session is alive and still holds the lock.
   *
   * @throws PgException if the session was lost (and with it the lock)
   */
  public void verifyHeld() {
    String sql = "SELECT count(*) FROM pg_catalog.pg_locks l WHERE l.pid = pg_backend_pid() AND " + heldKey("l");
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      setKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) != 1) {
          throw new PgException("the advisory lock of spill " + spillId + " is no longer held by backend pid " + backendPid
              + "; stopping the load (another loader may have the spill now). Segments committed stay loaded; run the"
              + " same command again to resume.");
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("checking the advisory lock of spill " + spillId + " (its session, backend pid " + backendPid
          + ", is lost and the lock with it: another loader may now take the spill); stopping the load. Segments"
          + " committed stay loaded; run the same command again to resume", e);
    }
  }

  /**
   * {@link DurableFlush#flush} on the lock's own session, open for the whole load: the load's last
   * statement needs no new connection (a few round trips), and the flush also proves the session,
   * and so the lock, alive up to the end. Call it with no transaction open on the session (none is,
   * between {@link #verifyHeld} calls).
   *
   * @return the server's WAL flush position afterwards
   */
  public String flushCommits() {
    return DurableFlush.flush(connection);
  }

  /** Releases the lock and closes the dedicated connection. */
  @Override
  public void close() {
    try {
      if (!connection.isClosed()) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock" + (shared ? "_shared" : "")
            + "(?)")) {
          ps.setLong(1, key);
          ps.execute();
        }
        if (schemaKey != null) {
          try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock_shared(?)")) {
            ps.setLong(1, schemaKey);
            ps.execute();
          }
        }
      }
    } catch (SQLException e) {
      SqlErrors.reassertInterrupt(e); // closing the session below releases the lock anyway
    } finally {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      SqlErrors.reassertInterrupt(e); // nothing else to do: the session ends and takes its locks with it
    }
  }

  @Override
  public String toString() {
    return "SpillLock[spill " + spillId + ", key " + key + ", pid " + backendPid + (shared ? ", shared" : "") + "]";
  }
}
