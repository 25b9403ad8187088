package dev.spillway.load;

import java.io.PrintWriter;

/**
 * A progress display that also prints every {@link LoadProgress#warning} as a line
 * {@code spillway: warning: ...} on {@code err}, whatever the display (so {@code --quiet} too).
 */
final class WarningLines implements LoadProgress {
  private final LoadProgress display;
  private final PrintWriter err;

  WarningLines(LoadProgress display, PrintWriter err) {
    this.display = display;
    this.err = err;
  }

  @Override
  public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {
    display.started(spillId, segments, rows, bytes, alreadyLoaded);
  }

  @Override
  public void segmentLoaded(String table, long rows, long bytes) {
    display.segmentLoaded(table, rows, bytes);
  }

  @Override
  public void verified(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal) {
    display.verified(segmentsDone, segmentsTotal, bytesDone, bytesTotal);
  }

  @Override
  public void warning(String message) {
    display.warning(message);
    err.println("spillway: warning: " + dev.spillway.segment.Printable.escape(message));
    err.flush();
  }

  @Override
  public void durable(String flushLsn) {
    display.durable(flushLsn);
  }

  @Override
  public void close() {
    display.close();
  }
}
