package dev.spillway.cli;

import dev.spillway.segment.VerifyListener;

/** {@code verify}'s progress (and load's pre-flight check) as {@link ProgressLine}s. Single-threaded. */
final class VerifyProgressView implements VerifyListener, AutoCloseable {
  private final ProgressOutput output;
  private long startNanos;
  private ProgressLine.Snapshot last;

  VerifyProgressView(ProgressOutput output) {
    this.output = output;
  }

  @Override
  public void progress(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal) {
    if (last == null) {
      startNanos = output.now();
    }
    last = new ProgressLine.Snapshot("verify", null, bytesDone, bytesTotal, 0, segmentsDone, segmentsTotal,
        output.now() - startNanos, null);
    if (segmentsDone >= segmentsTotal) {
      output.finish(last);
      last = null;
    } else {
      output.update(last);
    }
  }

  @Override
  public void close() {
    if (last != null) {
      output.finish(last);
      last = null;
    }
  }
}
