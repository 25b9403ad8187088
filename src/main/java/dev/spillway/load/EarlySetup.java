package dev.spillway.load;

import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.DeferredObjectTable;
import dev.spillway.pg.DurableFlush;
import dev.spillway.pg.ProgressTable;
import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.SpillLock;
import dev.spillway.pg.SpillSessions;
import dev.spillway.pg.SqlErrors;
import dev.spillway.pg.TargetChecks;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SpillDirectory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time setup of an {@link EarlyLoad} and its end: reads the open manifest, takes the spill
 * lock, ends orphaned sessions, creates the control schema, checks for a resumed run, checks or
 * replaces other spills' rows, creates the tables ({@link TableSetup}), finds the tables whose
 * foreign keys are checked during the load ({@link CheckedReferences}) and builds the load's steps
 * ({@link LoadSteps}); at the end releases the lock, after a flush on its session when nothing
 * follows, or waits for the server to end the sessions closed. Holds no state of its own beyond
 * what it is given: {@link EarlyLoad} decides when each runs, under its own monitor.
 */
final class EarlySetup {
  private static final Logger LOG = LoggerFactory.getLogger(EarlySetup.class);
  /** How long {@link EarlyLoad#close} waits for the server to end the sessions it closed. */
  static final Duration SESSIONS_GONE_WAIT = Duration.ofSeconds(5);

  private final ConnectionFactory factory;
  private final LoadOptions options;
  private final Path root;
  private final LongSupplier nanoTime;

  /** What the one-time setup found. */
  record Setup(LoadPlan plan, SpillLock lock, Map<String, TablePlan> early, SegmentTransaction segments,
      TableStart start, TableKeys keys, TableFinish finish, ConnectionFactory jobs) {}

  /**
   * @param factory  connections to the target database
   * @param options  the load's options (as for {@link Loader})
   * @param root     the spill directory stage one writes
   * @param nanoTime the clock of the load's steps
   */
  EarlySetup(ConnectionFactory factory, LoadOptions options, Path root, LongSupplier nanoTime) {
    this.factory = factory;
    this.options = options;
    this.root = root;
    this.nanoTime = nanoTime;
  }

  /**
   * Sweeps up an earlier load's sessions, then sets up the tables; adds what the user must hear to
   * {@code warnings} as it goes (the sweep's sessions terminated or waited for, then the tables'
   * setup), so they are kept whatever this returns or throws. Null when nothing loads early; then,
   * or when this throws, the lock is released already.
   */
  Setup open(List<String> warnings) {
    SpillDirectory dir = SpillDirectory.open(root);
    LoadPlan plan = SpillCheck.resolve(dir, new ManifestStore(dir).read(), options.schema());
    ConflictMerge.check(plan, options.onConflict());
    ControlSchema control = new ControlSchema(options.controlSchema());
    String base = factory.options().applicationName();
    ConnectionFactory jobs = factory.withApplicationName(SpillSessions.applicationName(base, "load", plan.spillId()));
    SpillLock lock = SpillLock.acquire(factory.withApplicationName(
        SpillSessions.applicationName(base, "lock", plan.spillId())), plan.spillId());
    boolean keep = false;
    try (Connection c = jobs.open()) {
      new OrphanSweep(Loader.ORPHAN_WAIT, Loader.COMMIT_CHECK_POLL).sweep(c, plan.spillId(), List.of(lock.backendPid()),
          LoadProgress.warningsTo(warnings::add));
      control.ensure(c);
      ProgressTable progress = new ProgressTable(control);
      if (!progress.list(c, plan.spillId()).isEmpty()) {
        LOG.info("spill {} has progress rows already: a resumed run, nothing loads before stage one ends",
            plan.spillId());
        return null;
      }
      OtherSpills others = new OtherSpills(new TargetChecks(control), options.otherSpills());
      List<QualifiedName> toEmpty = others.check(c, plan, LoadedSegments.none());
      DeferredObjectTable deferred = new DeferredObjectTable(control);
      warnings.addAll(new TableSetup(c, deferred).prepare(plan, plan.tables(), options));
      warnings.addAll(others.replace(c, plan.spillId(), toEmpty));
      Set<String> checked = CheckedReferences.of(c, plan, plan.tables(), options, deferred);
      Map<String, TablePlan> early = new HashMap<>();
      plan.tables().stream().filter(t -> !checked.contains(t.name())).forEach(t -> early.put(t.name(), t));
      LoadSteps steps = LoadSteps.of(plan, control, jobs, options, nanoTime);
      keep = true;
      return new Setup(plan, lock, early, steps.segments(), steps.start(), steps.keys(), steps.finish(), jobs);
    } catch (SQLException e) {
      throw SqlErrors.wrap("closing the control connection of the early load of spill " + plan.spillId(), e);
    } finally {
      if (!keep) {
        lock.close();
        awaitSessionsEnded(plan.spillId());
      }
    }
  }

  /**
   * After the workers ended: releases {@code s}'s lock. When {@code nothingFollows} (the early load
   * did the whole load), the commits are flushed on the lock's session first and the server's end of
   * the sessions is not waited for; returns the flush position then, else null.
   */
  String release(Setup s, boolean nothingFollows) {
    if (nothingFollows) {
      try {
        return s.lock().flushCommits();
      } finally {
        s.lock().close();
      }
    }
    s.lock().close();
    awaitSessionsEnded(s.plan().spillId());
    return null;
  }

  /** {@link DurableFlush} on a connection of its own (the lock's session is gone: {@link EarlyLoad#finish()} without a manifest). */
  String flushOnNewConnection(String spillId) {
    try (Connection c = factory.withApplicationName(factory.options().applicationName() + " early-load end").open()) {
      return DurableFlush.flush(c);
    } catch (SQLException e) {
      throw SqlErrors.wrap("closing the connection that flushed the early load's commits of spill " + spillId, e);
    }
  }

  /**
   * Waits (up to {@link #SESSIONS_GONE_WAIT}) until the server has ended the sessions just closed,
   * so the final load's {@link OrphanSweep} does not take them for an earlier load's leftovers.
   */
  private void awaitSessionsEnded(String spillId) {
    try (Connection c = factory.withApplicationName(factory.options().applicationName() + " early-load end").open()) {
      long deadline = System.nanoTime() + SESSIONS_GONE_WAIT.toNanos();
      while (!SpillSessions.others(c, spillId, List.of()).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debug("could not wait for the early load's sessions to end: {}", e.toString()); // the sweep handles them
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
