package dev.spillway.load;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress as a bar on a terminal (me.tongfei progressbar, drawn on standard error by its own
 * refresh thread): bytes in MB with MB/s and ETA, and segments and rows as the extra message.
 * Calls come from one thread (see {@link LoadProgress}).
 */
public final class BarProgress implements LoadProgress {
  private static final long MB = 1024L * 1024L;

  private final ProgressCounts counts = new ProgressCounts();
  /** Null until {@link #started}. */
  private ProgressBar bar;
  /** The pre-flight verification's bar, while it runs. */
  private ProgressBar verifyBar;

  @Override
  public void verified(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal) {
    if (verifyBar == null && segmentsDone < segmentsTotal) {
      verifyBar = new ProgressBarBuilder().setTaskName("verify").setInitialMax(bytesTotal).setUnit(" MB", MB)
          .showSpeed().setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200).build();
    }
    if (verifyBar != null) {
      verifyBar.stepTo(bytesDone);
      verifyBar.setExtraMessage(" " + segmentsDone + "/" + segmentsTotal + " segments");
      if (segmentsDone == segmentsTotal) {
        verifyBar.close();
        verifyBar = null;
      }
    }
  }

  @Override
  public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {
    counts.start(segments, rows, bytes, System.nanoTime());
    bar = new ProgressBarBuilder()
        .setTaskName("load")
        .setInitialMax(bytes)
        .setUnit(" MB", MB)
        .showSpeed()
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUpdateIntervalMillis((int) Duration.ofMillis(200).toMillis())
        .build();
    bar.setExtraMessage(message() + (alreadyLoaded > 0 ? " (" + alreadyLoaded + " segments already loaded)" : ""));
  }

  @Override
  public void segmentLoaded(String table, long rows, long bytes) {
    counts.add(rows, bytes);
    bar.stepBy(bytes);
    bar.setExtraMessage(message());
  }

  @Override
  public void close() {
    if (verifyBar != null) {
      verifyBar.close();
    }
    if (bar != null) {
      bar.close();
    }
  }

  private String message() {
    return " " + counts.segmentsDone + "/" + counts.segmentsTotal + " segments, " + counts.rowsDone + "/" + counts.rowsTotal + " rows";
  }
}
