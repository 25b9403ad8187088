package dev.spillway.spill;

import dev.spillway.segment.RowCounters;

/**
 * Mutable row counters of one table or one source file while stage one runs; snapshot with
 * {@link #snapshot()}. A table counts rows with {@link #row}, which counts the row read and in its
 * bucket at once, so {@code read = written + duplicates + skipped + rejected} holds after every
 * row by construction (tests check the counts themselves against numbers derived from the input).
 * A source file counts input records with {@link #record} and the rows they produced, over all
 * its tables, with {@link #bucket}. Single-threaded.
 */
final class TableCounters {
  /** Rows (or, for a source, input records) produced so far. */
  private long read;
  private long written;
  private long duplicates;
  private long skipped;
  private long rejected;

  /** A table's row: one read, in the bucket of {@code status}. */
  void row(RowStatus status) {
    bucket(status);
    read++;
  }

  /** A source's input record: one read. */
  void record() {
    read++;
  }

  /** A source's records left out by its format ({@code comment:} lines): each one read and skipped. */
  void skippedRecords(long count) {
    read += count;
    skipped += count;
  }

  /** Counts one row in its bucket without counting it read (a source's rows); FATAL is never counted (the run stops). */
  void bucket(RowStatus status) {
    switch (status) {
      case WRITTEN -> written++;
      case DUPLICATE -> duplicates++;
      case SKIPPED -> skipped++;
      case REJECTED -> rejected++;
      case FATAL, UNRESOLVED, CONTENDER -> throw new IllegalArgumentException("a " + status + " row is not counted");
    }
  }

  long read() {
    return read;
  }

  long written() {
    return written;
  }

  long rejected() {
    return rejected;
  }

  RowCounters snapshot() {
    return new RowCounters(read, written, duplicates, skipped, rejected);
  }
}
