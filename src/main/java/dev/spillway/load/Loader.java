package dev.spillway.load;

import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.DeferredObjectTable;
import dev.spillway.pg.ProgressTable;
import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.SegmentClaim;
import dev.spillway.pg.SpillLock;
import dev.spillway.pg.SpillSessions;
import dev.spillway.pg.SqlErrors;
import dev.spillway.pg.StaleProgress;
import dev.spillway.pg.StepLock;
import dev.spillway.pg.TargetChecks;
import dev.spillway.segment.SealedSegment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage two: puts a sealed spill directory into PostgreSQL, exactly once, resumable. The entry point
 * of {@code spillway load} and of the load half of {@code spillway run}.
 *
 * <ol>
 *   <li>Pre-flight, before the database is touched ({@link SpillCheck}, {@link PreFlight}): manifest
 *       valid and complete, every segment not yet loaded verified: framing, row count, CRC32C, not
 *       its values, which the server checks during the COPY (in parallel; what earlier
 *       runs loaded is read first, read-only, {@link PriorProgress}), nothing stray in
 *       {@code segments/}; options that cannot apply are refused ({@link LoadOptionsException}).
 *   <li>The spill's advisory lock ({@link SpillLock}), taken while the pre-flight reads the segments,
 *       and the control session opened: a second loader of the same spill stops here. Sessions an
 *       earlier load of the spill left on the server are ended ({@link OrphanSweep}); then the jobs'
 *       connections are opened ahead ({@link WarmConnections}) while the tables are set up.
 *   <li>The control schema ({@link ControlSchema#ensure}); the segments earlier runs committed
 *       ({@link LoadedSegments}), which this run skips, unless their tables were dropped or emptied
 *       since ({@link StaleProgressException}); another spill's rows in the targets are refused,
 *       replaced or appended to ({@link OtherSpills}).
 *   <li>Tables created and checked ({@link TableSetup}): a table {@code --create-tables} creates is
 *       created bare, its keys and foreign keys recorded to be built after the data; which tables
 *       have foreign keys checked while they load ({@link CheckedReferences}, which refuses such a
 *       key within a cycle of references).
 *   <li>Segments loaded on {@code --jobs} connections ({@link LoadQueue}, {@link Dispatcher}),
 *       parents first where foreign keys are checked during the load; each table started just
 *       before its first segment ({@link TableStart}: indexes deferred, or restored), each segment
 *       in one transaction with its progress row ({@link SegmentTransaction}); after a table's last
 *       segment its keys and indexes ({@link TableKeys}), then, once the tables it references have
 *       theirs, its foreign keys, sequences and ANALYZE ({@link TableFinish}).
 * </ol>
 * With {@code --shared} several loader processes run this at once on one spill: the spill lock is
 * taken in shared mode, the setup above runs one loader at a time, each loader verifies and loads
 * the segments it claims ({@link SharedClaims}, {@link SharedTasks}) instead of those its own
 * queue names, and a table's start, keys and finish run once ({@link dev.spillway.pg.StepLock}).
 * Success is reported only after every commit is flushed to disk ({@link dev.spillway.pg.DurableFlush}, on the
 * lock's session: {@link SpillLock#flushCommits}).
 * A failure stops new work, lets running segments commit, and is thrown; everything committed
 * stays, and calling {@link #load} again resumes. Connections: one for the lock, one for control
 * work, one per job. Not thread-safe; one load at a time per instance.
 */
public final class Loader {
  private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

  /**
   * The load's sessions report the connection's application_name (default {@code spillway})
   * followed by {@code load} and the spill id, the lock's by {@code lock} and the spill id
   * ({@link SpillSessions#applicationName}): {@code spillway load 3f2c...} in pg_stat_activity, so
   * the sessions an earlier load of the spill left behind are found ({@link OrphanSweep}).
   */
  static final Duration ORPHAN_WAIT = Duration.ofSeconds(30);
  /** Bytes per CopyData message sent to the server. */
  static final int COPY_BUFFER_BYTES = 256 * 1024;
  /** How long to wait for a lost session to settle before deciding about its COMMIT. */
  static final Duration COMMIT_CHECK_WAIT = Duration.ofSeconds(60);
  /** Pause between looks at the lost session. */
  static final Duration COMMIT_CHECK_POLL = Duration.ofMillis(50);

  private final ConnectionFactory factory;
  private final LoadOptions options;
  private final LoadProgress progress;
  private final LongSupplier nanoTime;

  public Loader(ConnectionFactory factory, LoadOptions options, LoadProgress progress) {
    this(factory, options, progress, System::nanoTime);
  }

  public Loader(ConnectionFactory factory, LoadOptions options, LoadProgress progress, LongSupplier nanoTime) {
    this.factory = factory;
    this.options = options;
    this.progress = progress;
    this.nanoTime = nanoTime;
  }

  /**
   * Loads {@code spillDirectory}; closes the progress display when done.
   *
   * @throws dev.spillway.segment.SpillFormatException an incomplete or corrupt spill (exit code 4)
   * @throws LoadOptionsException options that cannot apply to this spill (exit code 2)
   * @throws dev.spillway.pg.PgException               a database failure (exit code 5)
   */
  public LoadSummary load(Path spillDirectory) {
    try (LoadProgress display = progress) {
      // connecting while the manifest is read; named without the spill id, so that OrphanSweep never waits for this
      // read-only session
      CompletableFuture<Connection> reader = CompletableFuture.supplyAsync(() -> factory.withApplicationName(
          factory.options().applicationName() + " pre-flight").open(), Loader::inBackground);
      LoadPlan plan;
      try {
        plan = SpillCheck.plan(spillDirectory, options.schema());
        ConflictMerge.check(plan, options.onConflict());
        checkShared(plan);
      } catch (RuntimeException | Error e) { // the spill's problem comes first, whatever connecting does
        reader.thenAccept(Loader::close);
        throw e;
      }
      List<SealedSegment> pending = PriorProgress.read(WarmConnections.join(reader),
          new ControlSchema(options.controlSchema()), plan).pending(plan);
      SpillCheck.checkPresent(plan, pending);
      // While the pre-flight reads the segments, the spill's lock is taken, then the control session opened (a load
      // session only under the lock, or the holder's OrphanSweep could take it for an orphan): sessions and an
      // advisory lock, nothing the database keeps. Nothing is created or loaded before the pre-flight passed.
      String base = factory.options().applicationName();
      CompletableFuture<SpillLock> lock = CompletableFuture.supplyAsync(() -> SpillLock.acquire(
          factory.withApplicationName(SpillSessions.applicationName(base, "lock", plan.spillId())), plan.spillId(),
          options.shared(), options.controlSchema()), Loader::inBackground);
      CompletableFuture<Connection> control = lock.thenApplyAsync(held -> jobs(plan).open(), Loader::inBackground);
      try {
        // a shared loader verifies each segment when it claims it (SharedTasks): N loaders would each read the whole spill
        PreFlight.verify(plan, options.shared() ? List.of() : pending, verifyThreads(), display);
      } catch (RuntimeException | Error e) {
        lock.thenAccept(SpillLock::close);
        control.thenAccept(Loader::close);
        throw e;
      }
      return run(plan, new HashSet<>(pending), display, lock, control);
    }
  }

  /** The jobs' (and the control session's) connections: named {@code spillway load <spill id>} ({@link OrphanSweep}). */
  private ConnectionFactory jobs(LoadPlan plan) {
    return factory.withApplicationName(SpillSessions.applicationName(factory.options().applicationName(), "load",
        plan.spillId()));
  }

  /** Runs {@code work} on a daemon thread of its own. */
  private static void inBackground(Runnable work) {
    Thread t = new Thread(work, "spillway-connect");
    t.setDaemon(true);
    t.start();
  }

  private LoadSummary run(LoadPlan plan, Set<SealedSegment> verified, LoadProgress display,
      CompletableFuture<SpillLock> lockTaken, CompletableFuture<Connection> controlOpened) {
    long started = nanoTime.getAsLong();
    ControlSchema control = new ControlSchema(options.controlSchema());
    ConnectionFactory jobs = jobs(plan);
    SpillLock lock;
    try {
      lock = WarmConnections.join(lockTaken);
    } catch (RuntimeException | Error e) {
      controlOpened.thenAccept(Loader::close);
      throw e;
    }
    try (WarmConnections warm = new WarmConnections()) {
      LoadQueue queue = prepare(plan, WarmConnections.join(controlOpened), jobs, warm, control, lock, display);
      List<SealedSegment> toLoad = queue.toLoad();
      List<SealedSegment> unverified = toLoad.stream().filter(s -> !verified.contains(s)).toList();
      if (!unverified.isEmpty()) { // progress rows deleted since PriorProgress read them
        SpillCheck.checkPresent(plan, unverified);
        PreFlight.verify(plan, unverified, verifyThreads(), display);
      }
      display.started(plan.spillId(), toLoad.size(), toLoad.stream().mapToLong(SealedSegment::rows).sum(),
          toLoad.stream().mapToLong(SealedSegment::bytes).sum(), plan.segmentCount() - toLoad.size());
      RunTally tally = new RunTally(plan.tables(), queue, display);
      dispatch(plan, queue, jobs, warm, control, tally, lock);
      display.durable(lock.flushCommits()); // on the lock's session: no connection to open at the end
      return tally.summary(plan, options.onConflict(), (nanoTime.getAsLong() - started) / 1e9);
    } finally {
      lock.close(); // held for the whole load; released with its session
    }
  }

  /**
   * On a connection of its own: control schema, what earlier runs loaded, tables made ready. A
   * shared load does it holding the spill's setup lock, one loader after the other, records the
   * spill's segments as claimable, and leaves other sessions of the spill alone (they are its
   * fellow loaders; a dead one's claims went with its session).
   */
  private LoadQueue prepare(LoadPlan plan, Connection c, ConnectionFactory jobs, WarmConnections warm,
      ControlSchema control, SpillLock lock, LoadProgress display) {
    try {
      if (options.shared()) {
        warm.start(jobs, options.jobs());
        return Unlimited.run(c, () -> StepLock.holding(c, StepLock.setup(plan.spillId()), () -> {
          control.ensure(c);
          control.ensureClaimTable(c);
          new SharedClaims(new SegmentClaim(control), plan.spillId()).seed(c, plan);
          return prepareTables(c, plan, control, display);
        }));
      }
      new OrphanSweep(ORPHAN_WAIT, COMMIT_CHECK_POLL).sweep(c, plan.spillId(), List.of(lock.backendPid()), display);
      warm.start(jobs, options.jobs()); // after the sweep, which would take them for an earlier load's sessions
      control.ensure(c);
      return prepareTables(c, plan, control, display);
    } finally {
      close(c);
    }
  }

  private LoadQueue prepareTables(Connection c, LoadPlan plan, ControlSchema control, LoadProgress display) {
    refuseStaleProgress(c, plan, new ProgressTable(control), new TargetChecks(control));
    LoadedSegments loaded = LoadedSegments.read(c, new ProgressTable(control), control.progressTable(), plan);
    OtherSpills others = new OtherSpills(new TargetChecks(control), options.otherSpills());
    List<QualifiedName> toEmpty = others.check(c, plan, loaded);
    List<TablePlan> pending = plan.tables().stream()
        .filter(t -> t.segments().stream().anyMatch(s -> !loaded.contains(t, s))).toList();
    DeferredObjectTable deferred = new DeferredObjectTable(control);
    new TableSetup(c, deferred).prepare(plan, pending, options).forEach(display::warning);
    others.replace(c, plan.spillId(), toEmpty).forEach(display::warning);
    Set<String> checked = CheckedReferences.of(c, plan, pending, options, deferred);
    return new LoadQueue(plan.tables(), loaded::contains, t -> checked.contains(t.name()));
  }

  /** Options a shared load cannot honour are refused before the database is touched. */
  private void checkShared(LoadPlan plan) {
    if (options.shared() && options.otherSpills() == OtherSpillsMode.REPLACE) {
      throw new LoadOptionsException("--shared and --replace exclude each other (spill directory " + plan.dir()
          + "): a loader joining late would empty tables the others are loading. Run one load with --replace"
          + " first (or empty the tables), then the shared loaders");
    }
  }

  /** Before any table is created or loaded: progress rows must still describe the tables they were loaded into. */
  private static void refuseStaleProgress(Connection c, LoadPlan plan, ProgressTable progress, TargetChecks checks) {
    Set<String> targets = new HashSet<>();
    plan.tables().forEach(t -> targets.add(t.target().sql()));
    List<StaleProgress> stale = new ArrayList<>(progress.stale(c, plan.spillId()).stream()
        .filter(s -> targets.contains(s.tableName())).toList());
    stale.addAll(checks.emptied(c, plan.spillId(), targets)); // the same table, but emptied by TRUNCATE
    if (!stale.isEmpty()) {
      throw new StaleProgressException(plan.dir().toString(), plan.spillId(), stale,
          stale.stream().map(s -> progress.resetSql(plan.spillId(), s.tableName())).toList());
    }
  }

  /** Runs every segment and table-finishing task on the jobs' connections, verifying ahead. */
  private void dispatch(LoadPlan plan, LoadQueue queue, ConnectionFactory jobs, WarmConnections warm,
      ControlSchema control, RunTally tally, SpillLock lock) {
    LoadSteps steps = LoadSteps.of(plan, control, jobs, options, nanoTime);
    SegmentTransaction segments = steps.segments();
    TableStart start = steps.start();
    TableKeys keys = steps.keys();
    TableFinish finish = steps.finish();
    Dispatcher.Runner single = (connection, task) -> {
      if (task instanceof LoadTask.Start st) {
        return start.start(connection, st.table());
      }
      if (task instanceof LoadTask.Segment s) {
        return segments.load(connection, s.table(), s.segment());
      }
      if (task instanceof LoadTask.Keys k) {
        return Unlimited.run(connection, () -> keys.build(connection, k.table()));
      }
      return Unlimited.run(connection, () -> finish.finish(connection, task.table(),
          ((LoadTask.Finish) task).loadedNow()));
    };
    Dispatcher.Runner runner = !options.shared() ? single : new SharedTasks(plan,
        new SharedClaims(new SegmentClaim(control), plan.spillId(), SharedClaims.DEFAULT_WAIT_BEFORE_WARNING,
            tally::workerWarning), segments, queue::loadsInOrder).wrap(single);
    new Dispatcher(warm::open, options.jobs(), plan.dir().toString(), lock::verifyHeld).run(queue, runner,
        new Dispatcher.Listener() {
          @Override
          public void dispatched(LoadTask task) {}

          @Override
          public void completed(LoadTask task, Object result) {
            tally.completed(task, result);
          }
        });
  }

  /** Threads for the pre-flight verification: {@code --jobs}, or the cores when that is more. */
  private int verifyThreads() {
    return Math.max(options.jobs(), Runtime.getRuntime().availableProcessors());
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // The control session's work is committed or rolled back already: nothing depends on closing it.
      LOG.warn("closing the control connection failed: {}", SqlErrors.describe(e));
    }
  }
}
