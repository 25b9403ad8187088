package dev.spillway.api;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.plan.SourceSpec;
import dev.spillway.plan.TableSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes records from code straight into the database, inside the caller's own transaction, with
 * the plan a backfill ({@code spill} + {@code load}) uses: the backfill and the live path of an
 * application share one plan and cannot drift. Records go in with the same {@code record(...)}
 * calls as a spill's, in small batches; {@link #flush()} writes what is pending.
 *
 * <pre>{@code
 * connection.setAutoCommit(false);
 * try (LiveWriter w = LiveWriter.open(connection, plan)) {
 *   w.record("packages", Map.of("name", "spillway", "version", "1.0"));
 *   w.record("classes", List.of("spillway", "Main.class"));
 *   w.flush();                       // writes; close() never does
 * }
 * connection.commit();               // or rollback(): nothing of it remains
 * }</pre>
 *
 * <p><b>Closing</b> never writes: like a {@link SpillWriter} closed without {@code finish()}, records
 * not flushed are discarded, so an exception thrown inside try-with-resources never has a
 * half-built batch written on its way out. A close that discards records when no exception is
 * under way is a programming error and says so (IllegalStateException; when the body threw, it is
 * added to that exception as suppressed).
 *
 * <p><b>Transactions.</b> The writer never commits, rolls back or changes the connection's
 * settings: every statement runs in the caller's transaction, so a rollback undoes everything it
 * wrote. A writer belongs to the transaction it was opened in (autocommit must be off); a flush
 * after that transaction ended throws, because the writer's id cache may hold ids of rows a
 * rollback removed. Open a new writer per transaction (cheap: the plan is bound per record layout,
 * codecs resolved per table). Do not roll back to a savepoint set before a flush and keep using the
 * writer. Its staging tables are temporary, {@code ON COMMIT DROP}.
 *
 * <p><b>What a record does</b> is what the same record does in a CSV file: each emit of its source
 * runs in order (a {@code Map}'s keys play header names, a {@code List} is positional, {@code $1}
 * first), every value parsed by its column's codec, {@code when}, {@code for_each}, plan functions,
 * defaults and {@code not_null} as in stage one. A typed Java value whose class fits its column is
 * encoded by the codec as it is, any other its text form parsed, as in a spill (see the javadoc of
 * {@code record}); into {@code timestamptz} a {@code LocalDateTime} or a String without offset is
 * read as UTC (spill-format.md, section 2b). A record is all or nothing: a value its column refuses,
 * a key with a NULL part, a duplicate under {@code on_duplicate: reject} or a ref decided
 * {@code reject} rejects it whole ({@link LiveResult#rejects()}).
 *
 * <p><b>Keys and refs.</b> A flush resolves natural keys against the database (rows of earlier
 * flushes of the transaction included) and against every row of the same flush, in any order:
 * forward refs, refs to the row's own table and cycles resolve as in a spill. A key that is
 * nowhere follows the ref's {@code missing:} policy: {@code null} writes NULL, {@code create}
 * inserts the parent (id and key, the rest NULL; {@code INSERT ... ON CONFLICT DO NOTHING}, then
 * the id of a parent a concurrent transaction inserted first is used), {@code skip} drops the row,
 * {@code reject} rejects the record, {@code error} fails the flush with {@link LiveWriteException}.
 * So call {@code flush()} where a batch's refs are complete. Within a flush a repeated key follows
 * {@code on_duplicate}; a key already in the table (from before, or from an earlier flush) follows
 * {@code on_existing}: {@code skip} keeps the table's row, {@code update} updates it, keeping its id
 * (the merge SQL of {@code load --on-conflict}). Each flush is thus what a spill of the batch
 * seeded from the database ({@code spill --url}) and loaded with {@code --on-conflict} would do.
 *
 * <p><b>Ids</b> of new rows come from the backfill's id space, see {@link IdAllocator}: the id
 * column's identity or serial sequence when it has one (which {@code load} moves past the loaded
 * ids), else {@code max(id) + 1} with the table locked against other writers for the rest of the
 * transaction. A bounded LRU cache of key -> id (per writer, so per transaction) saves lookups.
 *
 * <p>Single-threaded, like the JDBC connection it uses.
 */
public final class LiveWriter implements AutoCloseable {
  /** Default bound of the key -> id cache. */
  public static final int DEFAULT_MAX_CACHED_KEYS = 100_000;
  /** Default bound of rows pending between flushes. */
  public static final int DEFAULT_MAX_PENDING_ROWS = 100_000;

  private final Connection connection;
  private final dev.spillway.plan.Plan plan;
  private final int maxPendingRows;
  /** The transaction the writer belongs to ({@code txid_current()} when opened). */
  private final long transactionId;
  private final Map<String, LiveSource> sources = new HashMap<>();
  private final List<LiveTable> loadOrder = new ArrayList<>();
  private final IdCache cache;
  private final KeyLookup lookup;
  /** Numbers the writers of this JVM, so that their staging tables never share a name in one transaction. */
  private static final java.util.concurrent.atomic.AtomicLong WRITERS = new java.util.concurrent.atomic.AtomicLong();

  private final IdAllocator allocator;
  /** Records recorded since the last flush. */
  private final List<PendingRecord> pending = new ArrayList<>();
  private int pendingRows;
  /** Set when a flush failed: the transaction's state is unknown to the writer. */
  private boolean failed;
  private boolean closed;

  private LiveWriter(Connection connection, dev.spillway.plan.Plan plan, int maxCachedKeys, int maxPendingRows) throws SQLException {
    this.connection = connection;
    this.plan = plan;
    this.maxPendingRows = maxPendingRows;
    this.transactionId = currentTransaction(connection);
    CodecRegistry registry = CodecRegistry.readingIn(plan.timeZone());
    Map<String, LiveTable> tables = new HashMap<>();
    List<TableSpec> specs = plan.tables();
    long writer = WRITERS.incrementAndGet();
    for (TableSpec t : plan.tablesInDependencyOrder()) {
      LiveTable table = new LiveTable(t, plan.schema(), specs.indexOf(t), writer, registry);
      tables.put(t.name(), table);
      loadOrder.add(table);
    }
    for (SourceSpec s : plan.sources()) {
      sources.put(s.displayName(), new LiveSource(plan, s, tables));
    }
    this.cache = new IdCache(maxCachedKeys);
    this.lookup = new KeyLookup(connection, cache);
    this.allocator = new IdAllocator(connection);
  }

  /** A writer with the default bounds; see {@link #open(Connection, Plan, int, int)}. */
  public static LiveWriter open(Connection connection, Plan plan) {
    return open(connection, plan, DEFAULT_MAX_CACHED_KEYS, DEFAULT_MAX_PENDING_ROWS);
  }

  /**
   * A writer for {@code plan} in the connection's current transaction.
   *
   * @param connection     a connection with autocommit off; the writer uses it, never closes it
   * @param plan           the plan (tables go to its {@code schema})
   * @param maxCachedKeys  the bound of the key -> id cache (0: no cache)
   * @param maxPendingRows how many rows may wait for a flush; {@code record} refuses more
   * @throws IllegalArgumentException autocommit is on, or a bound is out of range
   * @throws LiveWriteException the connection cannot be used
   */
  public static LiveWriter open(Connection connection, Plan plan, int maxCachedKeys, int maxPendingRows) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(plan, "plan");
    checkArgument(maxPendingRows > 0, "maxPendingRows <= 0: %s", maxPendingRows);
    try {
      checkArgument(!connection.getAutoCommit(), "a LiveWriter writes inside the caller's transaction: turn autocommit"
          + " off (connection.setAutoCommit(false)) and commit or roll back yourself");
      return new LiveWriter(connection, plan.spec(), maxCachedKeys, maxPendingRows);
    } catch (SQLException e) {
      throw new LiveWriteException("opening a live writer for plan " + plan.spec().planFile() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records one record of {@code source}, fields by name. The source is named by its
   * {@code name:} ({@code sources[N]}, its place in the plan, when it has none). A source fed from
   * code ({@code name:} without {@code file:}) lays its fields out as a spill from code does
   * ({@code input.CodeFields}: the names it reads, a missing one NULL, one it does not read an
   * IllegalArgumentException); a source that reads files (a map only if it has a header)
   * takes the map's keys as its header names, so the plan of a CSV backfill serves live writes
   * unchanged. Values: {@code null} is NULL; a {@code String} is parsed as the CSV path parses a
   * field; a Java value whose class fits the column (see {@code pgbinary.JavaValues}: Long, Integer,
   * BigDecimal, Double, Boolean, UUID, LocalDate, LocalDateTime, OffsetDateTime, Instant, byte[], ...)
   * is taken as it is, any other supported value parsed from its text form. Nothing is written
   * until {@link #flush()}.
   *
   * @throws IllegalArgumentException an unknown source, a value of another Java type, or a plan
   *         problem binding the field names ({@code $nam} not among them: a PlanException)
   */
  public void record(String source, Map<String, ?> fields) {
    checkUsable();
    add(source(source).rows(fields));
  }

  /** Records one record of {@code source} by position ({@code $1} is the first element); see {@link #record(String, Map)}. */
  public void record(String source, List<?> fields) {
    checkUsable();
    add(source(source).rows(fields));
  }

  private void add(PendingRecord record) {
    pending.add(record);
    pendingRows += record.rows.size();
  }

  /**
   * Writes the pending records in the caller's transaction (nothing is committed) and returns what
   * happened to them. A flush runs under a savepoint of its own: when it fails, it is rolled back
   * to it, so nothing of the failed batch is left in the transaction (what earlier flushes wrote
   * is), and the writer cannot be used any more.
   *
   * @throws LiveWriteException a {@code missing: error} ref, an {@code on_duplicate: error} key, a
   *         database error, or the writer's transaction has ended; roll the transaction back
   */
  public LiveResult flush() {
    checkUsable();
    checkTransaction();
    List<PendingRecord> batch = List.copyOf(pending);
    pending.clear();
    pendingRows = 0;
    Savepoint before;
    try {
      before = connection.setSavepoint();
    } catch (SQLException e) {
      failed = true;
      throw new LiveWriteException("setting the savepoint of a live flush: " + e.getMessage(), e);
    }
    LiveResult result;
    try {
      result = new LiveFlush(connection, loadOrder, lookup, allocator, cache).run(batch);
    } catch (RuntimeException e) {
      failed = true;
      try {
        connection.rollback(before); // nothing of the failed batch stays for the caller to commit
      } catch (SQLException undo) {
        e.addSuppressed(undo);
      }
      throw e;
    }
    try {
      connection.releaseSavepoint(before);
    } catch (SQLException e) {
      failed = true;
      throw new LiveWriteException("releasing the savepoint of a live flush: " + e.getMessage(), e);
    }
    return result;
  }

  /**
   * Ends the writer, discarding records not flushed; never writes, commits or rolls back.
   *
   * @throws IllegalStateException records were discarded (call {@link #flush()} before closing)
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    int discarded = pending.size();
    pending.clear();
    pendingRows = 0;
    if (discarded > 0 && !failed) {
      throw new IllegalStateException("live writer closed with " + discarded + " record(s) not flushed: they were"
          + " discarded, nothing of them written; call flush() before close()");
    }
  }

  private LiveSource source(String name) {
    checkState(pendingRows < maxPendingRows, "%s rows wait for a flush (maxPendingRows %s): call flush()",
        pendingRows, maxPendingRows);
    LiveSource s = sources.get(name);
    if (s == null) {
      throw new IllegalArgumentException("plan " + plan.planFile() + " has no source " + name + "; sources: "
          + sources.keySet().stream().sorted().toList());
    }
    return s;
  }

  private void checkUsable() {
    checkState(!closed, "the live writer is closed");
    checkState(!failed, "a flush of this live writer failed: roll the transaction back and open a new writer");
  }

  private void checkTransaction() {
    long now;
    try {
      checkState(!connection.getAutoCommit(), "autocommit was turned on after the live writer was opened");
      now = currentTransaction(connection);
    } catch (SQLException e) {
      failed = true;
      throw new LiveWriteException("checking the live writer's transaction: " + e.getMessage(), e);
    }
    if (now != transactionId) {
      failed = true;
      throw new LiveWriteException("the transaction this live writer was opened in (" + transactionId + ") has ended;"
          + " this is transaction " + now + ". Its id cache may hold ids of rolled-back rows: open a new LiveWriter"
          + " per transaction");
    }
  }

  private static long currentTransaction(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT txid_current()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
