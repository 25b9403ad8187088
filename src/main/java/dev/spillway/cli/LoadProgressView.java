package dev.spillway.cli;

import dev.spillway.load.LoadProgress;
import dev.spillway.segment.Printable;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Stage two's progress as {@link ProgressLine}s (none with {@code --quiet} or {@code --no-progress}):
 * the pre-flight check as a {@code verify} line, then segments, rows and bytes. Warnings are printed
 * as {@code spillway: warning: ...} on standard error in every mode. Calls come from the loading
 * thread ({@link LoadProgress}).
 */
final class LoadProgressView implements LoadProgress {
  /** Empty when progress is off. */
  private final Optional<ProgressOutput> output;
  private final PrintWriter err;
  private final VerifyProgressView verify;
  private long startNanos;
  private long segmentsTotal = -1;
  private long bytesTotal;
  private long segmentsDone;
  private long rowsDone;
  private long bytesDone;

  LoadProgressView(Optional<ProgressOutput> output, PrintWriter err) {
    this.output = output;
    this.err = err;
    this.verify = output.map(VerifyProgressView::new).orElse(null);
  }

  @Override
  public void verified(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal) {
    if (verify != null) {
      verify.progress(segmentsDone, segmentsTotal, bytesDone, bytesTotal);
    }
  }

  @Override
  public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {
    segmentsTotal = segments;
    bytesTotal = bytes;
    output.ifPresent(o -> {
      startNanos = o.now();
      o.message("spillway load: spill " + Printable.escape(spillId) + ": " + Units.count(segments) + " segments to load, "
          + Units.count(rows) + " rows, " + Units.bytes(bytes)
          + (alreadyLoaded > 0 ? " (" + Units.count(alreadyLoaded) + " segments already loaded)" : ""));
    });
  }

  @Override
  public void segmentLoaded(String table, long rows, long bytes) {
    segmentsDone++;
    rowsDone += rows;
    bytesDone += bytes;
    output.ifPresent(o -> o.update(snapshot(o)));
  }

  @Override
  public void warning(String message) {
    ProgressOutput.warn(output, err, message);
  }

  @Override
  public void close() {
    if (verify != null) {
      verify.close();
    }
    if (segmentsTotal >= 0) {
      output.ifPresent(o -> o.finish(snapshot(o)));
      segmentsTotal = -1;
    }
  }

  private ProgressLine.Snapshot snapshot(ProgressOutput o) {
    return new ProgressLine.Snapshot("load", "rows", bytesDone, bytesTotal, rowsDone, segmentsDone, segmentsTotal,
        o.now() - startNanos, null);
  }
}
