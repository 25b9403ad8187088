package dev.spillway.load;

import dev.spillway.segment.SealedSegment;

/**
 * A unit of work a load job runs on its connection: starting one table, one segment, building one
 * table's keys, or the finishing touches of one table.
 */
sealed interface LoadTask {
  TablePlan table();

  /**
   * Before the table's first segment of this run: restore what other loads left dropped, or defer
   * its indexes and foreign keys ({@link TableStart}).
   */
  record Start(TablePlan table) implements LoadTask {}

  /** Load one segment in its own transaction ({@link SegmentTransaction}). */
  record Segment(TablePlan table, SealedSegment segment) implements LoadTask {}

  /** After the table's last segment committed: build its pending keys and indexes ({@link TableKeys}). */
  record Keys(TablePlan table) implements LoadTask {}

  /**
   * After the table's keys and those of every table it references are built: restore deferred
   * foreign keys and the rest, advance sequences, ANALYZE ({@link TableFinish}).
   *
   * @param loadedNow whether this run loaded any of the table's segments
   */
  record Finish(TablePlan table, boolean loadedNow) implements LoadTask {}
}
