package dev.spillway.inspect;

import dev.spillway.segment.RawTuple;
import dev.spillway.segment.SegmentHeader;

/**
 * Where {@link RowDump} sends the rows it selects: a text format or a binary COPY stream. Called
 * on one thread: {@link #begin} once per segment read (all of one table, so the same columns),
 * {@link #row} per selected row, {@link #end} once after the last.
 */
public interface RowSink {
  void begin(SegmentHeader header);

  /** The tuple is valid until the next call. */
  void row(RawTuple tuple, RowContext context);

  /** Writes whatever completes the output (a trailer) and flushes it. */
  void end();
}
