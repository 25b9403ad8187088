package dev.spillway.load;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.spillway.load.EarlySetup.Setup;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.DurableFlush;
import dev.spillway.pg.SpillLock;
import dev.spillway.pg.SqlErrors;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.SealedSegment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the segments of a spill that stage one is still writing, as they seal: the first half of a
 * pipelined {@code spillway run}. The second half is the ordinary {@link Loader} on the complete
 * spill, which finds these segments in the progress table (as a resumed load does), loads the rest,
 * and builds keys, foreign keys and ANALYZE. So exactly-once and resume are the load's own: each
 * segment in one transaction with its progress row ({@link SegmentTransaction}).
 *
 * <p>What loads early: a sealed segment is final (stage one never rewrites one; the rows its
 * forward-reference pass decides at the end go into later segments), so a segment may load as soon
 * as it is sealed unless the foreign keys of its table are checked row by row during the load
 * ({@link CheckedReferences}: an existing table with foreign keys, without {@code --defer-indexes}):
 * those segments wait for the second half, which loads them once their parents are complete.
 * Tables {@code --create-tables} creates get their keys after the data, so for them loading early
 * is free. Nothing loads early when this spill already has progress rows (a run resumed after a
 * kill): the second half then does everything a resumed load does.
 *
 * <p>Keys before stage one ends: stage one reports a table that can receive no more rows
 * ({@link #tableComplete}, after its last seal). Once every segment of such a table loaded early, its
 * keys and indexes are built ({@link TableKeys}), and once its keys and those of every table it
 * references exist, its foreign keys, sequences and ANALYZE ({@link TableFinish}), each recorded
 * as the final load records them (deferred objects restored, the table's finish row), so the final
 * load finds nothing left to do for it, and a run killed in between resumes to the same tables.
 * These tasks go before the queued segments. Once stage one has sealed the spill
 * ({@link #finish(Manifest)}), every table is complete, and the early load builds the rest the same
 * way on its open connections. A table whose keys or foreign keys cannot be built early (segments
 * that wait for the final load, a table without segments, or one referencing such a table) is left
 * to the final load.
 *
 * <p>Backpressure: {@link #sealed} is called on stage one's writer thread and blocks while the
 * early-loadable segments sealed but not yet committed exceed {@code maxAheadBytes}, so stage one
 * never runs further ahead of the load than that (segments that wait for the second half are not
 * counted: nothing could drain them).
 *
 * <p>Setup happens once, on a worker, as soon as stage one has published its open manifest
 * ({@link #prepare}, so that it overlaps stage one's start-up), else on the first sealed segment:
 * read the open manifest, take the spill lock, end orphaned sessions, create the control schema,
 * check or replace other spills' rows, create the tables ({@link TableSetup}). A failure anywhere
 * stops early loading and is thrown from the next {@link #sealed} (which fails stage one with it)
 * or from {@link #close}. Thread-safe: {@link #sealed} from the writer thread, {@code jobs} worker
 * threads of its own.
 */
public final class EarlyLoad implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyLoad.class);

  private final LoadOptions options;
  private final Path root;
  private final long maxAheadBytes;
  /** The one-time setup and the lock's release at the end. */
  private final EarlySetup earlySetup;
  private final List<Thread> workers = new ArrayList<>();

  /** Building a table's keys, or finishing it, queued ahead of segments. */
  private record TableTask(String table, boolean keys) {}

  /** Queued by {@link #prepare}: a worker runs the one-time setup. */
  private static final Object SETUP = new Object();

  // guarded by this
  /** {@link SealedSegment}s and {@link TableTask}s. */
  private final ArrayDeque<Object> queued = new ArrayDeque<>();
  private long aheadBytes;
  private boolean closing;
  /** Stopped without loading what is queued ({@link #close}). */
  private boolean abandoned;
  /** Written under the lock ({@link #fail}); volatile so that {@link #checkFailure} reads it without. */
  private volatile RuntimeException failure;
  private Setup setup;
  /** The plan of a setup that loads early, kept after the workers stopped; null when nothing loads early. */
  private LoadPlan planned;
  /**
   * The WAL flush position after {@link #finish(Manifest)} flushed the commits of a whole load (of
   * the {@link #planned} spill) on the lock's session; null when it did not.
   */
  private String durableLsn;
  /** The setup's warnings for the user, kept after the workers stopped. */
  private List<String> setupWarnings = List.of();
  private boolean setupStarted;
  private boolean setupFinished;
  private final Set<String> started = new HashSet<>();
  private final Set<String> starting = new HashSet<>();
  /** Per table name: what loaded early. */
  private final Map<String, EarlyLoadSummary.Counts> loaded = new HashMap<>();
  /** When each table's keys and finish are due. */
  private final EarlyTables tables = new EarlyTables();

  /**
   * @param factory       connections to the target database
   * @param options       the load's options (as for {@link Loader})
   * @param spillDir      the spill directory stage one writes (it may not exist yet)
   * @param maxAheadBytes how many bytes of early-loadable segments may wait sealed but not loaded
   */
  public EarlyLoad(ConnectionFactory factory, LoadOptions options, Path spillDir, long maxAheadBytes) {
    this(factory, options, spillDir, maxAheadBytes, System::nanoTime);
  }

  EarlyLoad(ConnectionFactory factory, LoadOptions options, Path spillDir, long maxAheadBytes,
      LongSupplier nanoTime) {
    checkArgument(maxAheadBytes >= 0, "maxAheadBytes < 0: %s", maxAheadBytes);
    this.options = options;
    this.root = spillDir;
    this.maxAheadBytes = maxAheadBytes;
    this.earlySetup = new EarlySetup(factory, options, spillDir, nanoTime);
    for (int i = 1; i <= options.jobs(); i++) {
      Thread t = new Thread(this::work, "spillway-early-load-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  /**
   * Stage one sealed {@code segment}: queue it, then wait while stage one is too far ahead.
   *
   * @throws RuntimeException the early load's failure, which stops stage one
   */
  public synchronized void sealed(SealedSegment segment) {
    checkState(!closing, "sealed after close");
    throwFailure();
    queued.add(segment);
    aheadBytes += segment.bytes();
    tables.sealed(segment.table());
    notifyAll();
    try {
      while (aheadBytes > maxAheadBytes && failure == null) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadInterruptedException(root.toString(), e);
    }
    throwFailure();
  }

  /**
   * Stage one has published its open manifest (it is opening its segment writers): a worker runs
   * the one-time setup now (connections, lock, control schema, tables), while stage one starts up,
   * rather than on the first sealed segment. Idempotent; does not wait.
   */
  public synchronized void prepare() {
    if (!setupStarted && !closing && failure == null && !queued.contains(SETUP)) {
      queued.addFirst(SETUP);
      notifyAll();
    }
  }

  /**
   * Stage one reports that {@code table} can receive no more rows: every segment of it was handed
   * to {@link #sealed} before. Its keys are built once those segments are loaded (see the class
   * comment). Does not wait.
   *
   * @throws RuntimeException the early load's failure, which stops stage one
   */
  public synchronized void tableComplete(String table) {
    checkState(!closing, "tableComplete after close");
    throwFailure();
    if (tables.complete(table)) {
      queueFirst(new TableTask(table, true));
    }
  }

  /**
   * Stage one sealed the spill {@code complete}: every table of it is complete (see {@link #finish(Manifest)}),
   * queued in load order; nothing when the load failed (thrown by the caller) or {@code complete} is null.
   */
  private synchronized void allComplete(Manifest complete) {
    if (complete == null || failure != null) {
      return;
    }
    List<String> names = complete.tables().stream().map(ManifestTable::name).toList();
    for (int i = names.size() - 1; i >= 0; i--) { // each goes first: the first in load order ends up at the front
      if (tables.complete(names.get(i))) {
        queueFirst(new TableTask(names.get(i), true));
      }
    }
  }

  /**
   * Whether the one-time setup began (stage one had published its open manifest): only then may
   * this spill have segments in the database, loaded now or by an earlier run of the same spill id.
   */
  public synchronized boolean setupStarted() {
    return setupStarted;
  }

  /** Tables whose keys and foreign keys were built early, ANALYZE included (for tests). */
  public synchronized Set<String> finishedTables() {
    return tables.finished();
  }

  /**
   * Throws the early load's failure, if it failed: for stage one's thread between seals (a record
   * from code), so that a failure surfaces before the next seal. One volatile read.
   */
  public void checkFailure() {
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
  }

  /** Bytes of early-loadable segments sealed and not yet committed (for tests). */
  synchronized long aheadBytes() {
    return aheadBytes;
  }

  /**
   * Loads what is queued, then stops the workers and releases the spill lock.
   *
   * @return what loaded early
   * @throws RuntimeException the early load's failure
   */
  public EarlyLoadSummary finish() {
    return finish(null);
  }

  /**
   * {@link #finish()} once stage one has sealed the spill: every table of {@code complete} can receive
   * no more rows, so each one stage one did not report complete before (a table {@code missing:
   * create} adds rows to, one with parked records, one fed from code) is complete now
   * ({@link #tableComplete}): its keys, foreign keys and ANALYZE are built here on the workers' open
   * connections once its segments are in, not left to a final load that would first set up again
   * (lock, orphan sweep, control schema, pre-flight of the spill). When this early load did the whole load of
   * {@code complete} (stage one's final manifest; see {@link #wholeLoad}), its commits are flushed to
   * disk on the lock's own session before the lock goes ({@link SpillLock#flushCommits}), and the
   * close does not wait for the server to end the workers' sessions (no final load follows to take
   * them for leftovers): no connection opens after the last table is finished.
   *
   * @return what loaded early
   * @throws RuntimeException the early load's failure
   */
  public EarlyLoadSummary finish(Manifest complete) {
    allComplete(complete);
    stopWorkers(false, complete);
    synchronized (this) {
      throwFailure();
      return new EarlyLoadSummary(loaded, tables.restored());
    }
  }

  /**
   * Warnings of the early load's setup for the user: sessions of an earlier load of the spill it
   * terminated (the final load then finds none), a Citus layout ignored on plain PostgreSQL (the
   * final load, which finds the tables created, does not repeat them). Kept when the setup loaded
   * nothing early (a resumed run) or failed.
   */
  public synchronized List<String> setupWarnings() {
    return setupWarnings;
  }

  /**
   * After {@link #finish}: when this early load did the whole load of {@code complete} (stage one's
   * final manifest), that is it committed every segment and finished every table (keys, foreign
   * keys, sequences, ANALYZE), flushes the commits to disk ({@link DurableFlush}; already done on the
   * lock's session when {@link #finish(Manifest)} was given {@code complete}) and returns what
   * the final load would have reported: a load that found every segment already loaded, which
   * {@link EarlyLoadSummary#addTo} then counts as this run's. Empty otherwise (nothing is done):
   * the final load ({@link Loader}) does the rest. Either way {@code progress} is closed only when
   * this returns a summary (or throws).
   */
  public java.util.Optional<LoadSummary> wholeLoad(Manifest complete, LoadProgress progress) {
    List<TableSummary> summaries = new ArrayList<>();
    String flushedLsn;
    synchronized (this) {
      if (!whole(complete)) {
        return java.util.Optional.empty();
      }
      for (TablePlan t : planned.tables()) {
        summaries.add(new TableSummary(t.name(), t.target().sql(), 0, complete.segmentsOf(t.name()).size(), 0, 0, 0, 0,
            0, 0, 0, 0));
      }
      flushedLsn = durableLsn;
    }
    try (LoadProgress display = progress) {
      long segments = complete.segments().size();
      display.started(complete.spillId(), 0, 0, 0, segments);
      display.durable(flushedLsn != null ? flushedLsn : earlySetup.flushOnNewConnection(complete.spillId()));
      LOG.debug("spill {}: every segment loaded and every table finished by the early load", complete.spillId());
      return java.util.Optional.of(new LoadSummary(complete.spillId(), planned.dir().root().toString(), planned.schema(),
          options.onConflict().optionValue(), 0, segments, 0, 0, 0, summaries));
    }
  }

  /**
   * Whether this early load committed every segment of {@code complete} and finished every table of
   * it (so no final load is needed). Call holding the lock.
   */
  private boolean whole(Manifest complete) {
    if (failure != null || planned == null || !planned.spillId().equals(complete.spillId())
        || planned.tables().size() != complete.tables().size()) {
      return false;
    }
    for (TablePlan t : planned.tables()) {
      if (!tables.done(t.name(), complete.segmentsOf(t.name()).size())) {
        return false;
      }
    }
    return true;
  }

  /** After stage one failed: stops at once (running segments still commit or roll back) and releases the lock. */
  @Override
  public void close() {
    stopWorkers(true, null);
  }

  /**
   * The early load's failure, if a worker failed: after stage one failed for a reason of its own,
   * the caller attaches it (as suppressed) so it is not lost.
   */
  public synchronized java.util.Optional<RuntimeException> failure() {
    return java.util.Optional.ofNullable(failure);
  }

  /** @param complete stage one's final manifest when it sealed the spill, else null */
  private void stopWorkers(boolean abandonQueue, Manifest complete) {
    synchronized (this) {
      closing = true;
      if (abandonQueue) {
        abandoned = true;
        queued.remove(SETUP);
        aheadBytes -= queued.stream().filter(SealedSegment.class::isInstance)
            .mapToLong(q -> ((SealedSegment) q).bytes()).sum();
        queued.clear();
      }
      notifyAll();
    }
    boolean interrupted = false;
    for (Thread t : workers) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true; // a worker may be inside a COPY: let its transaction end before the lock goes
        }
      }
    }
    try {
      releaseSetup(complete);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt(); // also when the flush threw
      }
    }
  }

  /** After the workers ended: the lock goes, after a flush on its session when nothing follows (see {@link #finish(Manifest)}). */
  private synchronized void releaseSetup(Manifest complete) {
    if (setup == null) {
      return;
    }
    Setup s = setup;
    setup = null;
    boolean nothingFollows = complete != null && whole(complete); // then flush on the lock's session, no waiting
    String lsn = earlySetup.release(s, nothingFollows);
    if (nothingFollows) {
      durableLsn = lsn;
    }
  }

  private void throwFailure() {
    if (failure != null) {
      throw failure;
    }
  }

  /** A worker: takes sealed segments and table tasks until closed, on a connection of its own. */
  private void work() {
    Connection c = null;
    try {
      while (true) {
        Object next;
        synchronized (this) {
          while (queued.isEmpty() && !closing) {
            wait();
          }
          if (queued.isEmpty() || failure != null) {
            return;
          }
          next = queued.poll();
        }
        if (next == SETUP) {
          try {
            setup();
          } catch (RuntimeException | Error e) {
            failUnchecked(e);
            return;
          }
          continue;
        }
        if (next instanceof TableTask task) {
          c = runTableTask(c, task);
          if (c == null && failure != null) {
            return;
          }
          continue;
        }
        SealedSegment segment = (SealedSegment) next;
        try {
          Setup s = setup();
          TablePlan table = s == null ? null : s.early().get(segment.table());
          if (table == null) {
            done(segment, null); // waits for the second half
            continue;
          }
          if (c == null) {
            c = s.jobs().open();
          }
          startTable(c, s, table);
          s.lock().verifyHeld();
          SegmentResult result = s.segments().load(c, table, segment);
          if (c.isClosed()) {
            c = null; // lost, yet committed (the progress row says so)
          }
          done(segment, result);
        } catch (RuntimeException | SQLException | Error e) {
          failUnchecked(e);
          return;
        }
      }
    } catch (InterruptedException e) {
      fail(new LoadInterruptedException(root.toString(), e));
    } finally {
      close(c);
    }
  }

  /**
   * Builds a table's keys or finishes it, on {@code c} (opened if null); returns the connection to
   * go on with, null after a failure (recorded) or when none was needed.
   */
  private Connection runTableTask(Connection c, TableTask task) {
    try {
      Setup s = setup();
      TablePlan table = s == null ? null : s.early().get(task.table());
      if (table == null) {
        return c; // left to the final load
      }
      if (c == null) {
        c = s.jobs().open();
      }
      Connection conn = c;
      s.lock().verifyHeld();
      if (task.keys()) {
        TableKeys.Result r = Unlimited.run(conn, () -> s.keys().build(conn, table));
        keysBuilt(s, task.table(), r.built().size());
      } else {
        TableFinish.Result r = Unlimited.run(conn, () -> s.finish().finish(conn, table, true));
        finished(task.table(), r.restored().size());
      }
      LOG.debug("{} of {} built by the early load", task.keys() ? "keys" : "foreign keys", task.table());
      return c;
    } catch (RuntimeException | Error e) {
      failUnchecked(e);
      close(c);
      return null;
    } catch (InterruptedException e) {
      fail(new LoadInterruptedException(root.toString(), e));
      close(c);
      return null;
    }
  }

  /** {@code result} null: not loaded early. */
  private synchronized void done(SealedSegment segment, SegmentResult result) {
    aheadBytes -= segment.bytes();
    if (result != null) {
      loaded.merge(segment.table(), EarlyLoadSummary.Counts.NONE.plus(result), (a, b) -> a.plus(result));
      if (tables.committed(segment.table())) {
        queueFirst(new TableTask(segment.table(), true));
      }
    }
    notifyAll();
  }

  /** Queues a table task ahead of the segments, unless the load failed or was abandoned. */
  private void queueFirst(TableTask task) {
    if (failure == null && !abandoned) {
      queued.addFirst(task);
      notifyAll();
    }
  }

  /** The table's keys exist: queues the finish of every complete table whose keys and referenced keys now exist. */
  private synchronized void keysBuilt(Setup s, String table, int built) {
    for (String due : tables.keysBuilt(table, built, s.plan().tables())) {
      queueFirst(new TableTask(due, false));
    }
  }

  private synchronized void finished(String table, int foreignKeys) {
    tables.finished(table, foreignKeys);
  }

  /** Records {@code e} as the failure: as it is if unchecked, else wrapped. */
  private void failUnchecked(Throwable e) {
    fail(e instanceof RuntimeException r ? r : new IllegalStateException("early load failed", e));
  }

  private synchronized void fail(RuntimeException e) {
    if (failure == null) {
      failure = e;
    } else if (failure != e) {
      failure.addSuppressed(e);
    }
    aheadBytes = 0;
    queued.clear();
    notifyAll();
  }

  /** The one-time setup, done by the first worker that needs it; null when nothing loads early. */
  private Setup setup() throws InterruptedException {
    synchronized (this) {
      while (setupStarted && !setupFinished) {
        wait();
      }
      if (setupFinished) {
        throwFailure();
        return setup;
      }
      setupStarted = true;
    }
    Setup s = null;
    List<String> warnings = new ArrayList<>();
    try {
      s = earlySetup.open(warnings);
    } finally {
      synchronized (this) {
        setup = s;
        planned = s == null ? null : s.plan();
        setupWarnings = List.copyOf(warnings); // a resumed run's or a failed setup's too (the sweep's)
        setupFinished = true;
        notifyAll();
      }
    }
    return s;
  }

  /** Runs the table's {@link TableStart} once, before its first segment; other workers wait for it. */
  private void startTable(Connection c, Setup s, TablePlan table) throws InterruptedException {
    synchronized (this) {
      while (starting.contains(table.name())) {
        wait();
      }
      if (started.contains(table.name())) {
        return;
      }
      starting.add(table.name());
    }
    boolean ok = false;
    try {
      Unlimited.run(c, () -> s.start().start(c, table));
      ok = true;
    } finally {
      synchronized (this) {
        starting.remove(table.name());
        if (ok) {
          started.add(table.name());
        }
        notifyAll();
      }
    }
  }

  private static void close(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.warn("closing an early load connection failed: {}", SqlErrors.describe(e));
    }
  }
}
