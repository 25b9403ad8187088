package dev.spillway.load;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * How a command shows load progress: a bar on a terminal, plain lines otherwise, nothing with
 * {@code --quiet}; warnings ({@link LoadProgress#warning}) are printed in every mode.
 */
public enum ProgressMode {
  BAR,
  LINES,
  NONE;

  /** Seconds between plain progress lines. */
  public static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

  /** @param terminal whether the process runs on a terminal ({@code System.console() != null}) */
  public static ProgressMode detect(boolean quiet, boolean terminal) {
    return quiet ? NONE : terminal ? BAR : LINES;
  }

  /** The display; {@code err} receives plain lines (the bar draws on the terminal's standard error). */
  public LoadProgress create(PrintWriter err) {
    LoadProgress display = switch (this) {
      case BAR -> new BarProgress();
      case LINES -> new LineProgress(err, System::nanoTime, LINE_INTERVAL.toNanos());
      case NONE -> LoadProgress.none();
    };
    return new WarningLines(display, err);
  }
}
