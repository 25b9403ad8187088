package dev.spillway.load;

import java.util.Locale;

/**
 * The numbers every progress display shows: segments, rows and bytes done out of the totals, the
 * rate in MB/s since the start and the ETA at that rate. Mutable; used by one thread.
 */
final class ProgressCounts {
  private static final double MB = 1024.0 * 1024.0;

  /** Totals of this run (segments skipped as already loaded excluded). */
  long segmentsTotal;
  long rowsTotal;
  long bytesTotal;
  /** Done so far. */
  long segmentsDone;
  long rowsDone;
  long bytesDone;
  /** Start of the run on the nano clock. */
  long startedNanos;

  void start(long segments, long rows, long bytes, long nowNanos) {
    segmentsTotal = segments;
    rowsTotal = rows;
    bytesTotal = bytes;
    startedNanos = nowNanos;
  }

  void add(long rows, long bytes) {
    segmentsDone++;
    rowsDone += rows;
    bytesDone += bytes;
  }

  double megabytesPerSecond(long nowNanos) {
    double seconds = (nowNanos - startedNanos) / 1e9;
    return seconds <= 0 ? 0 : bytesDone / MB / seconds;
  }

  /** {@code 12/40 segments, 120000/400000 rows, 3.5/12.0 MB, 35.2 MB/s, ETA 0:00:12}. */
  String line(long nowNanos) {
    double rate = megabytesPerSecond(nowNanos);
    String eta = rate <= 0 ? "?" : duration((long) ((bytesTotal - bytesDone) / MB / rate));
    return String.format(Locale.ROOT, "%d/%d segments, %d/%d rows, %.1f/%.1f MB, %.1f MB/s, ETA %s", segmentsDone,
        segmentsTotal, rowsDone, rowsTotal, bytesDone / MB, bytesTotal / MB, rate, eta);
  }

  static String duration(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }
}
