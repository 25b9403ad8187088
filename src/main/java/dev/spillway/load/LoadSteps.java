package dev.spillway.load;

import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.CommitCheck;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.DeferredObjectTable;
import dev.spillway.pg.FinishTable;
import dev.spillway.pg.IndexDeferral;
import dev.spillway.pg.ProgressTable;
import java.util.function.LongSupplier;

/**
 * What a load runs on its jobs' connections: each segment with its progress row, and each table's
 * start, keys and finish. Built alike for the {@link Loader} and for the early load of a pipelined
 * run ({@link EarlyLoad}), so the two record the same rows and build keys the same way.
 */
record LoadSteps(SegmentTransaction segments, TableStart start, TableKeys keys, TableFinish finish) {
  /** @param jobs the jobs' connections (the commit check of a lost COMMIT opens one of them) */
  static LoadSteps of(LoadPlan plan, ControlSchema control, ConnectionFactory jobs, LoadOptions options,
      LongSupplier nanoTime) {
    ProgressTable progress = new ProgressTable(control);
    SegmentTransaction segments = new SegmentTransaction(plan, new SegmentCopy(Loader.COPY_BUFFER_BYTES), progress,
        new CommitCheck(jobs, progress, Loader.COMMIT_CHECK_WAIT, Loader.COMMIT_CHECK_POLL), options.onConflict(),
        nanoTime);
    // several jobs build keys at once: each build on one core (IndexDeferral)
    IndexDeferral deferral = new IndexDeferral(new DeferredObjectTable(control), options.jobs() > 1);
    return new LoadSteps(segments, new TableStart(plan.spillId(), deferral, options.deferIndexes()),
        new TableKeys(deferral), new TableFinish(plan.spillId(), deferral, new FinishTable(control), options.analyze()));
  }
}
