package dev.spillway.load;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines for logs and pipes (not a terminal): one line when the load starts, at
 * most one per {@code intervalNanos} while it runs, and one at the end:
 * <pre>
 * spillway load: spill 3f1d...: 40 segments to load (3 already loaded), 400000 rows, 12.0 MB
 * spillway load: 12/40 segments, 120000/400000 rows, 3.5/12.0 MB, 35.2 MB/s, ETA 0:00:12
 * </pre>
 * Single-threaded (see {@link LoadProgress}).
 */
public final class LineProgress implements LoadProgress {
  private final PrintWriter out;
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private final ProgressCounts counts = new ProgressCounts();
  /** When the last line was printed, on the nano clock. */
  private long lastLineNanos;
  /** Whether {@link #started} was called: the final line is printed only for a load that started. */
  private boolean started;

  public LineProgress(PrintWriter out, LongSupplier nanoTime, long intervalNanos) {
    checkArgument(intervalNanos >= 0, "intervalNanos < 0: %s", intervalNanos);
    this.out = out;
    this.nanoTime = nanoTime;
    this.intervalNanos = intervalNanos;
  }

  @Override
  public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {
    long now = nanoTime.getAsLong();
    counts.start(segments, rows, bytes, now);
    started = true;
    lastLineNanos = now;
    out.printf(java.util.Locale.ROOT, "spillway load: spill %s: %d segments to load (%d already loaded), %d rows, %.1f MB%n",
        dev.spillway.segment.Printable.escape(spillId), segments, alreadyLoaded, rows, bytes / 1024.0 / 1024.0);
    out.flush();
  }

  @Override
  public void segmentLoaded(String table, long rows, long bytes) {
    counts.add(rows, bytes);
    long now = nanoTime.getAsLong();
    if (now - lastLineNanos >= intervalNanos && counts.segmentsDone < counts.segmentsTotal) {
      lastLineNanos = now;
      out.println("spillway load: " + counts.line(now));
      out.flush();
    }
  }

  @Override
  public void verified(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal) {
    long now = nanoTime.getAsLong();
    if (segmentsDone == 1) {
      lastLineNanos = now;
    }
    if (segmentsDone == segmentsTotal || now - lastLineNanos >= intervalNanos) {
      lastLineNanos = now;
      out.printf(java.util.Locale.ROOT, "spillway load: verifying %d/%d segments, %.1f/%.1f MB%n", segmentsDone,
          segmentsTotal, bytesDone / 1024.0 / 1024.0, bytesTotal / 1024.0 / 1024.0);
      out.flush();
    }
  }

  @Override
  public void close() {
    if (!started) {
      return; // the pre-flight failed or the load stopped before it began: no load line
    }
    out.println("spillway load: " + counts.line(nanoTime.getAsLong()));
    out.flush();
  }
}
