package dev.spillway.cli;

import dev.spillway.segment.Printable;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Where progress lines go: on a terminal one line redrawn in place at most every
 * {@link #TERMINAL_INTERVAL_NANOS}, ended with a newline, drawn by the terminal's one owner of its
 * last line ({@link TerminalStream}: any other text on standard error clears it and has it drawn
 * again); elsewhere (a log, a pipe) a plain line at most every {@link #LINES_INTERVAL_NANOS} and
 * one at the end. Single-threaded (one task's thread; the terminal's line is shared safely).
 */
final class ProgressOutput {
  static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;
  static final long LINES_INTERVAL_NANOS = 10_000_000_000L;

  /** Off a terminal: where the lines go; null on a terminal. */
  private final PrintWriter lines;
  /** On a terminal: the owner of its last line; null off a terminal. */
  private final TerminalStream terminal;
  private final int columns;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  /** When the last line was shown, on the nano clock; Long.MIN_VALUE before the first. */
  private long lastNanos = Long.MIN_VALUE;
  /** Off a terminal: what the last line printed showed, so {@link #finish} does not print it again; null before. */
  private ProgressLine.Snapshot lastPrinted;

  private ProgressOutput(PrintWriter lines, TerminalStream terminal, int columns, LongSupplier nanoClock,
      long intervalNanos) {
    this.lines = lines;
    this.terminal = terminal;
    this.columns = columns;
    this.nanoClock = nanoClock;
    this.intervalNanos = intervalNanos;
  }

  /** Plain lines on {@code out} (a log, a pipe), at most one every {@code intervalNanos} and one at the end. */
  static ProgressOutput lines(PrintWriter out, int columns, LongSupplier nanoClock, long intervalNanos) {
    return new ProgressOutput(out, null, columns, nanoClock, intervalNanos);
  }

  /** One line redrawn in place on {@code terminal}, at most every {@code intervalNanos}. */
  static ProgressOutput redrawn(TerminalStream terminal, int columns, LongSupplier nanoClock, long intervalNanos) {
    return new ProgressOutput(null, terminal, columns, nanoClock, intervalNanos);
  }

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

  /** The output for {@code context}: redrawn on its terminal when there is one, else lines to {@code err}. */
  static ProgressOutput of(CliContext context, PrintWriter err) {
    if (context.terminalLine().isPresent()) {
      return redrawn(context.terminalLine().get(), context.columns(), System::nanoTime, TERMINAL_INTERVAL_NANOS);
    }
    return lines(err, context.columns(), System::nanoTime, LINES_INTERVAL_NANOS);
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
    String line = ProgressLine.render(s, columns);
    if (terminal != null) {
      terminal.drawBar(line);
    } else {
      lines.println(line);
      lines.flush();
      lastPrinted = s;
    }
  }

  /**
   * Shows the line for {@code s} now and ends it: the task is over. Off a terminal, not when the last
   * line printed showed the same progress (the last segment's update already said {@code 100% ... done}).
   */
  void finish(ProgressLine.Snapshot s) {
    String line = ProgressLine.render(s, columns);
    if (terminal != null) {
      terminal.endBar(line);
    } else if (lastPrinted == null || !sameProgress(lastPrinted, s)) {
      lines.println(line);
      lines.flush();
    }
    lastNanos = Long.MIN_VALUE;
    lastPrinted = null;
  }

  /** Whether {@code a} and {@code b} show the same task at the same point (only the time since its start differs). */
  private static boolean sameProgress(ProgressLine.Snapshot a, ProgressLine.Snapshot b) {
    return a.task().equals(b.task()) && a.bytesDone() == b.bytesDone() && a.bytesTotal() == b.bytesTotal()
        && a.itemsDone() == b.itemsDone() && a.segmentsDone() == b.segmentsDone() && a.segmentsTotal() == b.segmentsTotal()
        && java.util.Objects.equals(a.note(), b.note());
  }

  /** A line of its own (a note, a warning), above the redrawn line on a terminal (drawn again under it). */
  void message(String line) {
    if (terminal != null) {
      terminal.println(line);
    } else {
      lines.println(line);
      lines.flush();
    }
  }
}
