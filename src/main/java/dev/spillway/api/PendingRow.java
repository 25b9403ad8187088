package dev.spillway.api;

/**
 * One row a record emitted, waiting for the flush: values by column ordinal (typed by the column's
 * codec; a ref column holds its {@link PendingRef}, the id column null until the flush fills it),
 * and its structural natural key. Mutable by the flush only.
 */
final class PendingRow {
  /** What the flush decided for the row. */
  enum State { WRITE, DUPLICATE, SKIPPED }

  final PendingRecord record;
  final LiveTable table;
  final Object[] values;
  /** The row's natural key; null for a table without key. */
  final KeyRef key;
  State state = State.WRITE;
  /** Whether a {@code missing: skip} ref dropped the row (final once set: keys only disappear). */
  boolean skippedByRef;

  PendingRow(PendingRecord record, LiveTable table, Object[] values, KeyRef key) {
    this.record = record;
    this.table = table;
    this.values = values;
    this.key = key;
  }
}
