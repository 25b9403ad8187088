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
import java.util.function.Predicate;

/**
 * Decides which task may run next, whatever the number of jobs:
 * <ul>
 *   <li>a table whose foreign keys are checked while it loads (an existing table with foreign
 *       keys, without {@code --defer-indexes}) gets its segments once every table it references
 *       has all its segments committed, so each row's parent is there; and if it references
 *       itself, its segments load one at a time, in sequence order. Other tables (created by
 *       {@code --create-tables}, whose foreign keys come after the data, or with
 *       {@code --defer-indexes}) load in any order, cycles of references included;
 *   <li>segments of one table may otherwise load at once on several connections;
 *   <li>a table with segments to load first gets its {@link LoadTask.Start}, and its segments wait
 *       until that is done;
 *   <li>once all of a table's segments are committed, its {@link LoadTask.Keys} becomes ready;
 *       once its keys and the keys of every table it references are built, its
 *       {@link LoadTask.Finish} (foreign keys) becomes ready: the keys a foreign key needs exist
 *       first, and a cycle of references cannot block. Both also for a table with nothing left
 *       to load: a resumed load still builds what an earlier run left pending;
 *   <li>of the tasks that may start, the one with the longest chain of work behind it comes
 *       first ({@link LoadPriorities}): with constraints after the data, the largest tables'
 *       segments and keys before small tables' and before foreign keys, so that no job is left
 *       alone with a long tail; earlier tables in the manifest first among equals.
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
    /** Its foreign keys are checked while its segments load: parents first, self-references in order. */
    final boolean checkedDuringLoad;
    boolean startHandedOut;
    boolean started;
    boolean keysHandedOut;
    boolean keysBuilt;
    boolean finishHandedOut;
    boolean finished;

    TableState(TablePlan plan, BiPredicate<TablePlan, SealedSegment> loadedBefore, boolean checkedDuringLoad) {
      this.plan = plan;
      this.checkedDuringLoad = checkedDuringLoad;
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
  private final LoadPriorities priorities;

  /** Every table's foreign keys checked while it loads. */
  LoadQueue(List<TablePlan> plans, BiPredicate<TablePlan, SealedSegment> loadedBefore) {
    this(plans, loadedBefore, t -> true);
  }

  /**
   * @param loadedBefore      true for a segment an earlier run committed
   * @param checkedDuringLoad true for a table whose foreign keys are checked while its segments load
   */
  LoadQueue(List<TablePlan> plans, BiPredicate<TablePlan, SealedSegment> loadedBefore,
      Predicate<TablePlan> checkedDuringLoad) {
    for (TablePlan plan : plans) {
      TableState state = new TableState(plan, loadedBefore, checkedDuringLoad.test(plan));
      tables.add(state);
      byName.put(plan.name(), state);
    }
    for (TablePlan plan : plans) {
      for (String parent : plan.parents()) {
        checkArgument(byName.containsKey(parent), "table %s references %s, which is not part of the load", plan.name(), parent);
      }
    }
    this.priorities = new LoadPriorities(plans, checkedDuringLoad);
  }

  /**
   * The next task that may start now, the most urgent of those ready ({@link LoadPriorities}:
   * longest chain of work behind it first, earlier tables first among equals); empty when none
   * may (wait for a running one) or all are handed out.
   */
  Optional<LoadTask> next() {
    TableState best = null;
    double bestPriority = Double.NEGATIVE_INFINITY;
    for (TableState t : tables) {
      double priority = readyPriority(t);
      if (priority > bestPriority) {
        best = t;
        bestPriority = priority;
      }
    }
    return best == null ? Optional.empty() : Optional.of(take(best));
  }

  /** The priority of the table's task that may start now, or negative infinity when it has none. */
  private double readyPriority(TableState t) {
    if (t.finishHandedOut) {
      return Double.NEGATIVE_INFINITY;
    }
    if (!t.remaining.isEmpty()) {
      if (t.checkedDuringLoad && !parentsCommitted(t)) {
        return Double.NEGATIVE_INFINITY;
      }
      if (!t.startHandedOut) {
        return priorities.start(t.plan, t.remaining.peek());
      }
      if (!t.started || t.checkedDuringLoad && t.plan.selfReferencing() && t.inFlight > 0) {
        return Double.NEGATIVE_INFINITY;
      }
      return priorities.segment(t.plan, t.remaining.peek());
    }
    if (t.inFlight > 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (!t.keysHandedOut) {
      return priorities.keys(t.plan);
    }
    if (t.keysBuilt && parentsKeysBuilt(t)) {
      return priorities.finish(t.plan);
    }
    return Double.NEGATIVE_INFINITY;
  }

  /** Hands out the task {@link #readyPriority} found ready on the table. */
  private LoadTask take(TableState t) {
    if (!t.remaining.isEmpty()) {
      if (!t.startHandedOut) {
        t.startHandedOut = true;
        return new LoadTask.Start(t.plan);
      }
      t.inFlight++;
      return new LoadTask.Segment(t.plan, t.remaining.poll());
    }
    if (!t.keysHandedOut) {
      t.keysHandedOut = true;
      return new LoadTask.Keys(t.plan);
    }
    t.finishHandedOut = true;
    return new LoadTask.Finish(t.plan, t.loadedNow > 0);
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
    } else if (task instanceof LoadTask.Keys) {
      checkState(t.keysHandedOut && !t.keysBuilt, "keys of %s reported done twice or before handed out", t.plan.name());
      t.keysBuilt = true;
    } else {
      checkState(t.finishHandedOut && !t.finished, "finish of %s reported done twice or before it was handed out", t.plan.name());
      t.finished = true;
    }
  }

  /** Whether every table is finished. */
  boolean allDone() {
    return tables.stream().allMatch(t -> t.finished);
  }

  /** Whether the table's segments commit one at a time in sequence order (self-referencing, foreign keys checked). */
  boolean loadsInOrder(TablePlan table) {
    TableState t = byName.get(table.name());
    return t.checkedDuringLoad && t.plan.selfReferencing();
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

  private boolean parentsKeysBuilt(TableState t) {
    for (String parent : t.plan.parents()) {
      if (!byName.get(parent).keysBuilt) {
        return false;
      }
    }
    return true;
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
