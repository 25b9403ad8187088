package dev.spillway.spill;

/**
 * Where one row ends up, or why stage one must stop. Every row an emit produces ends in exactly one
 * of the first four (the buckets of {@link dev.spillway.segment.RowCounters}); {@link #FATAL} aborts
 * the run (a {@code missing: error} ref or an {@code on_duplicate: error} key).
 */
enum RowStatus {
  /** Encoded into the table's segments. Also "go on" while a row is still being built. */
  WRITTEN,
  /** Its natural key was written before in this run, or exists in the database (on_existing: skip). */
  DUPLICATE,
  /** Dropped by a {@code missing: skip} ref. */
  SKIPPED,
  /** Written to rejects.csv with a reason. */
  REJECTED,
  /** Stage one aborts with an {@link InputErrorException}. */
  FATAL,
  /** While sources are read: a ref is not decided yet; the row's record is parked ({@link Resolution}). Never counted. */
  UNRESOLVED,
  /**
   * From {@link RowIdentity#peek} only: the row's key is reserved by a parked row that may still be
   * dropped, so whether this row is its duplicate is not decided yet; the record is parked with the
   * row as a contender for the key ({@link KeyStates}). Never counted.
   */
  CONTENDER
}
