package dev.spillway.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-table tallies of one run: told of every completed task (on the dispatching thread), it
 * adds committed segments up, reports them to the progress display and builds the
 * {@link LoadSummary}. The tallies are the dispatching thread's alone; the display is not: a shared
 * loader's workers warn through {@link #workerWarning} while that thread reports, so every call to
 * the display made here holds the display's monitor (a display is single-threaded: one terminal line).
 */
final class RunTally {
  /** By table name, in load order. */
  private final Map<String, TableTally> tables = new LinkedHashMap<>();
  private final LoadProgress display;
  /** Segments earlier runs had loaded, all tables. */
  private final long alreadyLoaded;

  RunTally(List<TablePlan> plans, LoadQueue queue, LoadProgress display) {
    long skipped = 0;
    for (TablePlan t : plans) {
      tables.put(t.name(), new TableTally(t, queue.alreadyLoaded(t.name())));
      skipped += queue.alreadyLoaded(t.name());
    }
    this.alreadyLoaded = skipped;
    this.display = display;
  }

  /**
   * A warning from a worker thread (a shared loader waiting long for another loader's claim): the
   * one call of this class made off the dispatching thread; it only passes the line on, after any
   * report {@link #completed} is making.
   */
  void workerWarning(String message) {
    synchronized (display) {
      display.warning(message);
    }
  }

  void completed(LoadTask task, Object result) {
    TableTally tally = tables.get(task.table().name());
    if (result instanceof SegmentResult r) {
      tally.add(r);
      synchronized (display) {
        display.segmentLoaded(task.table().name(), r.rows(), r.bytes());
      }
    } else if (result instanceof TableStart.Result r) {
      tally.started(r);
      if (!r.deferred().isEmpty()) {
        String warning = deferredWarning(task.table(), r.deferred());
        synchronized (display) {
          display.warning(warning);
        }
      }
    } else if (result instanceof SharedTasks.NothingLeft) {
      return; // a shared load's segment task that found the table's segments all committed by other loaders
    } else if (result instanceof TableKeys.Result r) {
      tally.keysBuilt(r);
    } else {
      tally.finished((TableFinish.Result) result);
    }
  }

  /**
   * Dropped indexes and foreign keys live only in the control schema's deferred_object table until
   * they are recreated: said loudly, with their DDL, so that dropping that schema in between loses
   * nothing (issue 10, item 5).
   */
  static String deferredWarning(TablePlan table, List<dev.spillway.pg.DeferrableObject> deferred) {
    return "--defer-indexes dropped " + deferred.size() + " index(es) and foreign key(s) of " + table.target().sql()
        + " until its last segment is loaded; the load (this one, or the next if this one stops) recreates them from"
        + " the control schema's deferred_object table. Should that schema be dropped before, recreate them yourself: "
        + deferred.stream().map(dev.spillway.pg.DeferrableObject::createSql).collect(java.util.stream.Collectors
            .joining("; ")) + ";";
  }

  LoadSummary summary(LoadPlan plan, ConflictMode mode, double seconds) {
    List<TableSummary> summaries = new ArrayList<>();
    tables.values().forEach(t -> summaries.add(t.summary()));
    return new LoadSummary(plan.spillId(), plan.dir().root().toString(), plan.schema(), mode.optionValue(),
        summaries.stream().mapToLong(TableSummary::segmentsLoaded).sum(), alreadyLoaded,
        summaries.stream().mapToLong(TableSummary::rows).sum(), summaries.stream().mapToLong(TableSummary::bytes).sum(),
        seconds, summaries);
  }
}
