package dev.spillway.cli;

import dev.spillway.segment.Printable;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Where progress lines go: on a terminal one line redrawn in place ({@code \r}, padded over the
 * previous one) at most every {@link #TERMINAL_INTERVAL_NANOS}, ended with a newline; elsewhere
 * (a log, a pipe) a plain line at most every {@link #LINES_INTERVAL_NANOS} and one at the end.
 * Single-threaded.
 */
final class ProgressOutput {
  static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;
  static final long LINES_INTERVAL_NANOS = 10_000_000_000L;

  private final PrintWriter out;
  private final boolean terminal;
  private final int columns;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  /** When the last line was shown, on the nano clock; Long.MIN_VALUE before the first. */
  private long lastNanos = Long.MIN_VALUE;
  /** Length of the line now on the terminal, 0 when none is (to pad over it). */
  private int shownLength;

  ProgressOutput(PrintWriter out, boolean terminal, int columns, LongSupplier nanoClock, long intervalNanos) {
    this.out = out;
    this.terminal = terminal;
    this.columns = columns;
    this.nanoClock = nanoClock;
    this.intervalNanos = intervalNanos;
  }

  /** The output for {@code context}: redrawn on its terminal when there is one, else lines to {@code err}. */
  /**
   * Prints {@code message} as {@code spillway: warning: ...} (control characters escaped): through the
   * progress output when there is one (it clears a bar first), else on {@code err}.
   */
  static void warn(Optional<ProgressOutput> output, PrintWriter err, String message) {
    String line = "spillway: warning: " + Printable.escape(message);
    if (output.isPresent()) {
      output.get().message(line);
    } else {
      err.println(line);
      err.flush();
    }
  }

  static ProgressOutput of(CliContext context, PrintWriter err) {
    if (context.terminal().isPresent()) {
      return new ProgressOutput(new PrintWriter(context.terminal().get(), true), true, context.columns(), System::nanoTime,
          TERMINAL_INTERVAL_NANOS);
    }
    return new ProgressOutput(err, false, context.columns(), System::nanoTime, LINES_INTERVAL_NANOS);
  }

  long now() {
    return nanoClock.getAsLong();
  }

  /** Shows the line for {@code s} unless one was shown less than an interval ago. */
  void update(ProgressLine.Snapshot s) {
    long now = now();
    if (lastNanos != Long.MIN_VALUE && now - lastNanos < intervalNanos) {
      return;
    }
    lastNanos = now;
    show(ProgressLine.render(s, columns));
  }

  /** Shows the line for {@code s} now and ends it: the task is over. */
  void finish(ProgressLine.Snapshot s) {
    show(ProgressLine.render(s, columns));
    if (terminal) {
      out.println();
      shownLength = 0;
    }
    out.flush();
    lastNanos = Long.MIN_VALUE;
  }

  /** A line of its own (a note, a warning), above the redrawn line on a terminal. */
  void message(String line) {
    if (terminal && shownLength > 0) {
      out.print("\r" + " ".repeat(shownLength) + "\r");
      shownLength = 0;
      lastNanos = Long.MIN_VALUE; // redraw on the next update
    }
    out.println(line);
    out.flush();
  }

  private void show(String line) {
    if (terminal) {
      out.print("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())));
      shownLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }
}
