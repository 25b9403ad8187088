package dev.spillway.load;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.spillway.segment.SealedSegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Decides which task may run next, so that parents are loaded before children whatever the
 * number of jobs:
 * <ul>
 *   <li>a table's segments become ready once every table it references has all its segments
 *       committed (foreign keys can then be checked row by row as the child loads);
 *   <li>segments of one table may load at once on several connections, except for a table that
 *       references itself, whose segments load one at a time, in sequence order;
 *   <li>a table with segments to load first gets its {@link LoadTask.Start} (when its parents are
 *       committed), and its segments wait until that is done;
 *   <li>once all of a table's segments are committed, its {@link LoadTask.Finish} becomes ready
 *       (also for a table with nothing left to load: a resumed load still restores what an earlier
 *       run deferred);
 *   <li>earlier tables in the manifest come first.
 * </ul>
 * Segments already recorded as loaded are never handed out. Single-threaded: owned by the thread
 * that dispatches the load's tasks.
 */
final class LoadQueue {
  /** Per-table progress; mutable, owned by the queue. */
  private static final class TableState {
    final TablePlan plan;
    /** Segments not yet handed out, in sequence order. */
    final ArrayDeque<SealedSegment> remaining = new ArrayDeque<>();
    /** Segments already loaded by an earlier run. */
    final int alreadyLoaded;
    /** Segments handed out and not yet reported done. */
    int inFlight;
    /** Segments reported done by this run. */
    int loadedNow;
    boolean startHandedOut;
    boolean started;
    boolean finishHandedOut;
    boolean finished;

    TableState(TablePlan plan, BiPredicate<TablePlan, SealedSegment> loadedBefore) {
      this.plan = plan;
      int skipped = 0;
      for (SealedSegment s : plan.segments()) {
        if (loadedBefore.test(plan, s)) {
          skipped++;
        } else {
          remaining.add(s);
        }
      }
      this.alreadyLoaded = skipped;
    }

    boolean segmentsCommitted() {
      return remaining.isEmpty() && inFlight == 0;
    }
  }

  private final List<TableState> tables = new ArrayList<>();
  private final Map<String, TableState> byName = new HashMap<>();

  /** @param loadedBefore true for a segment an earlier run committed */
  LoadQueue(List<TablePlan> plans, BiPredicate<TablePlan, SealedSegment> loadedBefore) {
    for (TablePlan plan : plans) {
      TableState state = new TableState(plan, loadedBefore);
      tables.add(state);
      byName.put(plan.name(), state);
    }
    for (TablePlan plan : plans) {
      for (String parent : plan.parents()) {
        checkArgument(byName.containsKey(parent), "table %s references %s, which is not part of the load", plan.name(), parent);
      }
    }
  }

  /** The next task that may start now; empty when none may (wait for a running one) or all are handed out. */
  Optional<LoadTask> next() {
    for (TableState t : tables) {
      if (t.finishHandedOut || !parentsCommitted(t)) {
        continue;
      }
      if (!t.remaining.isEmpty()) {
        if (!t.startHandedOut) {
          t.startHandedOut = true;
          return Optional.of(new LoadTask.Start(t.plan));
        }
        if (!t.started || t.plan.selfReferencing() && t.inFlight > 0) {
          continue;
        }
        t.inFlight++;
        return Optional.of(new LoadTask.Segment(t.plan, t.remaining.poll()));
      }
      if (t.inFlight == 0) {
        t.finishHandedOut = true;
        return Optional.of(new LoadTask.Finish(t.plan, t.loadedNow > 0));
      }
    }
    return Optional.empty();
  }

  /** Reports a task handed out by {@link #next} as done (committed, or finished). */
  void done(LoadTask task) {
    TableState t = byName.get(task.table().name());
    if (task instanceof LoadTask.Start) {
      checkState(t.startHandedOut && !t.started, "start of %s reported done twice or before it was handed out", t.plan.name());
      t.started = true;
    } else if (task instanceof LoadTask.Segment) {
      checkState(t.inFlight > 0, "segment of %s reported done but none was in flight", t.plan.name());
      t.inFlight--;
      t.loadedNow++;
    } else {
      checkState(t.finishHandedOut && !t.finished, "finish of %s reported done twice or before it was handed out", t.plan.name());
      t.finished = true;
    }
  }

  /** Whether every table is finished. */
  boolean allDone() {
    return tables.stream().allMatch(t -> t.finished);
  }

  /** Segments of the table an earlier run loaded. */
  int alreadyLoaded(String table) {
    return byName.get(table).alreadyLoaded;
  }

  /** Segments not yet handed out, all tables, in dispatch order of tables: before the first {@link #next}, what this run loads. */
  List<SealedSegment> toLoad() {
    List<SealedSegment> out = new ArrayList<>();
    tables.forEach(t -> out.addAll(t.remaining));
    return out;
  }

  private boolean parentsCommitted(TableState t) {
    for (String parent : t.plan.parents()) {
      if (!byName.get(parent).segmentsCommitted()) {
        return false;
      }
    }
    return true;
  }
}
