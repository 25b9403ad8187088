package dev.spillway.spill;

import dev.spillway.segment.RowCounters;

/**
 * Mutable row counters of one table or one source file while stage one runs; snapshot with
 * {@link #snapshot()}. Invariant for a table: {@code read = written + duplicates + skipped +
 * rejected} after every completed row ({@link #count} is called once per row, after
 * {@link #read}). Single-threaded.
 */
final class TableCounters {
  /** rows (or, for a source, input records) produced so far. */
  private long read;
  private long written;
  private long duplicates;
  private long skipped;
  private long rejected;

  void read(long rows) {
    read += rows;
  }

  /** Counts one row in its bucket; FATAL is never counted (the run stops). */
  void count(RowStatus status) {
    switch (status) {
      case WRITTEN -> written++;
      case DUPLICATE -> duplicates++;
      case SKIPPED -> skipped++;
      case REJECTED -> rejected++;
      case FATAL -> throw new IllegalArgumentException("a FATAL row is not counted: the run stops");
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

  /** True when every row read is in exactly one bucket. */
  boolean balanced() {
    return read == written + duplicates + skipped + rejected;
  }

  RowCounters snapshot() {
    return new RowCounters(read, written, duplicates, skipped, rejected);
  }
}
