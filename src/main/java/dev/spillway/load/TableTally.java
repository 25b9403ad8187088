package dev.spillway.load;

/**
 * Adds up one table's committed segments during a run, for its {@link TableSummary}. Mutable;
 * used only by the dispatching thread.
 */
final class TableTally {
  private final TablePlan table;
  private final int alreadyLoaded;
  private long segments;
  private long rows;
  private long bytes;
  private long inserted;
  private long updated;
  private long skipped;
  /** Earliest segment start and latest commit, on the nano clock; meaningful once segments &gt; 0. */
  private long firstStartedNanos = Long.MAX_VALUE;
  private long lastFinishedNanos = Long.MIN_VALUE;
  private int restored;

  TableTally(TablePlan table, int alreadyLoaded) {
    this.table = table;
    this.alreadyLoaded = alreadyLoaded;
  }

  void add(SegmentResult r) {
    segments++;
    rows += r.rows();
    bytes += r.bytes();
    inserted += r.inserted();
    updated += r.updated();
    skipped += r.skipped();
    firstStartedNanos = Math.min(firstStartedNanos, r.startedNanos());
    lastFinishedNanos = Math.max(lastFinishedNanos, r.finishedNanos());
  }

  void started(TableStart.Result r) {
    restored += r.restored().size();
  }

  void keysBuilt(TableKeys.Result r) {
    restored += r.built().size();
  }

  void finished(TableFinish.Result r) {
    restored += r.restored().size();
  }

  TableSummary summary() {
    double seconds = segments == 0 ? 0 : (lastFinishedNanos - firstStartedNanos) / 1e9;
    double rate = seconds <= 0 ? 0 : rows / seconds;
    return new TableSummary(table.name(), table.target().sql(), segments, alreadyLoaded, rows, bytes, seconds, rate,
        inserted, updated, skipped, restored);
  }
}
