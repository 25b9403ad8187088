package dev.spillway.spill;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines, for logs and pipes (no terminal): at most one line per interval, and a
 * last one at the end:
 * <pre>
 * spill: 1,234,567 records (245,118 records/s), 120.5 of 400.0 MiB (30%, 23.9 MiB/s)
 * spill: resolving 1,024 parked record(s): drop sweep 1
 * </pre>
 * Rates are averages since {@link #start}. Single-threaded.
 */
public final class PlainProgress implements SpillProgress {
  private final PrintWriter out;
  /** Monotonic nanoseconds, e.g. {@code System::nanoTime}. */
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private long startNanos;
  private long lastPrintNanos;
  private long totalBytes = -1;
  private long records;
  private long bytes;

  public PlainProgress(PrintWriter out, LongSupplier nanoClock, long intervalNanos) {
    checkArgument(intervalNanos > 0, "intervalNanos <= 0: %s", intervalNanos);
    this.out = out;
    this.nanoClock = nanoClock;
    this.intervalNanos = intervalNanos;
  }

  @Override
  public void start(long inputBytesTotal) {
    totalBytes = inputBytesTotal;
    startNanos = nanoClock.getAsLong();
    lastPrintNanos = startNanos;
  }

  @Override
  public void update(long newRecords, long inputBytesRead) {
    records = newRecords;
    bytes = inputBytesRead;
    long now = nanoClock.getAsLong();
    if (now - lastPrintNanos >= intervalNanos) {
      lastPrintNanos = now;
      print(now);
    }
  }

  @Override
  public void resolving(long parkedRecords, String sweep) {
    out.println(String.format(Locale.ROOT, "spill: resolving %,d parked record(s): %s", parkedRecords, sweep));
    out.flush();
  }

  @Override
  public void close() {
    if (totalBytes >= 0) {
      print(nanoClock.getAsLong());
      totalBytes = -1;
    }
  }

  private void print(long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double mib = bytes / (double) (1 << 20);
    double totalMib = totalBytes / (double) (1 << 20);
    long percent = totalBytes == 0 ? 100 : Math.min(100, bytes * 100 / totalBytes);
    out.println(String.format(Locale.ROOT, "spill: %,d records (%,d records/s), %.1f of %.1f MiB (%d%%, %.1f MiB/s)",
        records, Math.round(records / seconds), mib, totalMib, percent, mib / seconds));
    out.flush();
  }
}
