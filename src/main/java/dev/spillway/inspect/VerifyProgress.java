package dev.spillway.inspect;

import dev.spillway.segment.VerifyListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of {@code spillway verify} on stderr: a progress bar when stderr is a terminal, plain
 * lines otherwise (one per tenth of the bytes, and one at the end), so logs of scripted runs stay
 * readable. In {@link Mode#AUTO} it shows only for large directories ({@value #LARGE_BYTES} bytes or
 * more) or on a terminal. Single-threaded use; {@link #close()} ends the bar.
 */
public final class VerifyProgress implements VerifyListener, AutoCloseable {
  /** Directories this large show progress even off a terminal in AUTO mode: 1 GiB. */
  public static final long LARGE_BYTES = 1L << 30;

  /** When to show progress. */
  public enum Mode { AUTO, ALWAYS, NEVER }

  private final PrintWriter lines;
  /** stderr as a stream, for the bar; null when stderr is not a terminal. */
  private final PrintStream terminal;
  private final Mode mode;
  /** Tenths of the bytes reported so far as lines. */
  private int tenthsShown = -1;
  /** The bar, created on the first report when shown. */
  private ProgressBar bar;

  /**
   * @param lines    where plain lines go (stderr)
   * @param terminal stderr as a stream when it is a terminal, else null
   */
  public VerifyProgress(PrintWriter lines, PrintStream terminal, Mode mode) {
    this.lines = lines;
    this.terminal = terminal;
    this.mode = mode;
  }

  @Override
  public void progress(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal) {
    if (!shown(bytesTotal)) {
      return;
    }
    if (terminal != null) {
      if (bar == null) {
        bar = new ProgressBarBuilder().setTaskName("verify").setInitialMax(Math.max(bytesTotal, 1)).setUnit(" MiB", 1 << 20)
            .setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
      }
      bar.stepTo(bytesDone);
      bar.setExtraMessage(segmentsDone + "/" + segmentsTotal + " segments");
      return;
    }
    int tenths = bytesTotal == 0 ? 10 : (int) (bytesDone * 10 / bytesTotal);
    if (tenths > tenthsShown || segmentsDone == segmentsTotal) {
      tenthsShown = tenths;
      lines.println(String.format(Locale.ROOT, "verify: %d/%d segments, %d of %d bytes (%d%%)", segmentsDone, segmentsTotal,
          bytesDone, bytesTotal, bytesTotal == 0 ? 100 : bytesDone * 100 / bytesTotal));
      lines.flush();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  private boolean shown(long bytesTotal) {
    return switch (mode) {
      case NEVER -> false;
      case ALWAYS -> true;
      case AUTO -> terminal != null || bytesTotal >= LARGE_BYTES;
    };
  }
}
