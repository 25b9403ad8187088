package dev.spillway.spill;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress as a terminal progress bar (me.tongfei:progressbar) over the input bytes: percentage,
 * MiB read of the total, MiB/s, ETA, and records/s as the bar's extra message. Redraws at most
 * twice a second; single-threaded callers (the bar redraws on its own thread).
 */
public final class TerminalProgress implements SpillProgress {
  private final PrintStream terminal;
  private final LongSupplier nanoClock;
  private ProgressBar bar;
  private long startNanos;

  public TerminalProgress(PrintStream terminal, LongSupplier nanoClock) {
    this.terminal = terminal;
    this.nanoClock = nanoClock;
  }

  @Override
  public void start(long inputBytesTotal) {
    startNanos = nanoClock.getAsLong();
    bar = new ProgressBarBuilder()
        .setTaskName("spill")
        .setInitialMax(Math.max(1, inputBytesTotal))
        .setUnit(" MiB", 1L << 20)
        .showSpeed()
        .setUpdateIntervalMillis(500)
        .setConsumer(new ConsoleProgressBarConsumer(terminal))
        .build();
  }

  @Override
  public void update(long records, long inputBytesRead) {
    if (bar == null) {
      return;
    }
    bar.stepTo(inputBytesRead);
    double seconds = Math.max(1e-9, (nanoClock.getAsLong() - startNanos) / 1e9);
    bar.setExtraMessage(String.format(Locale.ROOT, "%,d records/s", Math.round(records / seconds)));
  }

  @Override
  public void resolving(long parkedRecords, String sweep) {
    if (bar != null) {
      bar.setExtraMessage(String.format(Locale.ROOT, "resolving %,d parked records: %s", parkedRecords, sweep));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
