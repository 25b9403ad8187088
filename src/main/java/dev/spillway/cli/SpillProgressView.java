package dev.spillway.cli;

import dev.spillway.spill.SpillProgress;
import java.util.Locale;

/**
 * Stage one's progress as {@link ProgressLine}s: input bytes read of the total, records per second;
 * the resolution sweeps as a note. Single-threaded (the reading thread).
 */
final class SpillProgressView implements SpillProgress {
  private final ProgressOutput output;
  private long startNanos;
  private long totalBytes = -1;
  private long records;
  private long bytes;
  private String note;

  SpillProgressView(ProgressOutput output) {
    this.output = output;
  }

  @Override
  public void start(long inputBytesTotal) {
    totalBytes = inputBytesTotal;
    startNanos = output.now();
  }

  @Override
  public void update(long newRecords, long inputBytesRead) {
    records = newRecords;
    bytes = inputBytesRead;
    note = null;
    output.update(snapshot());
  }

  @Override
  public void resolving(long parkedRecords, String sweep) {
    note = String.format(Locale.ROOT, "resolving %,d parked records: %s", parkedRecords, sweep);
    output.message(ProgressLine.render(snapshot(), Integer.MAX_VALUE).stripTrailing());
  }

  @Override
  public void close() {
    if (totalBytes >= 0) {
      note = null;
      output.finish(snapshot());
      totalBytes = -1;
    }
  }

  private ProgressLine.Snapshot snapshot() {
    return new ProgressLine.Snapshot("spill", "recs", bytes, totalBytes, records, 0, -1, output.now() - startNanos, note);
  }
}
