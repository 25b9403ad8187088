package dev.spillway.cli;

import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard error on a terminal, the one owner of its last line. A progress bar ({@link ProgressOutput})
 * is drawn there and redrawn in place ({@code \r}, padded over the previous one); every other text
 * written to this stream (warnings, notes, errors, a logging line from any thread: {@link Main} makes
 * it {@code System.err}) first clears the bar, goes on lines of its own, and once its line has ended
 * the bar is drawn again under it. Replayed on a terminal (a carriage return moves to column one,
 * characters overwrite), every line of text reads intact and the bar, if any, is the last line.
 *
 * <p>Invariants: a bar is drawn only where a line starts (after a newline, or over the bar itself),
 * never after a line of text that has not ended (it waits for the newline); nothing follows a drawn
 * bar but its own redraws, until it is cleared ({@code \r}, spaces over it, {@code \r}) or ended
 * with a newline.
 *
 * <p>Thread-safe: every write holds this stream's lock, the lock PrintStream's own methods take, so
 * one {@code println} from any thread is one piece of text, never split by a bar.
 */
final class TerminalStream extends PrintStream {
  private final Charset charset;
  /** The bar's text, null when there is none (none drawn yet, ended, or released). */
  private String bar;
  /** Characters of the bar on the terminal now; 0 when none is shown (cleared, or never drawn). */
  private int shownLength;
  /** Whether the last text ended its line (or none was written): the cursor is in column one. */
  private boolean atLineStart = true;
  /** Set by {@link #release}: no bar is drawn any more; text passes through. */
  private boolean released;

  private TerminalStream(PrintStream terminal, Charset charset) {
    super(terminal, true, charset);
    this.charset = charset;
  }

  /** {@code terminal} when it is a TerminalStream already, else one writing to it, encoding text in {@code charset}. */
  static TerminalStream over(PrintStream terminal, Charset charset) {
    return terminal instanceof TerminalStream t ? t : new TerminalStream(terminal, charset);
  }

  /** Draws {@code line} as the bar, over the previous one (now, or when the text being written ends its line). */
  synchronized void drawBar(String line) {
    if (released) {
      return;
    }
    bar = line;
    if (atLineStart) {
      raw("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())));
      shownLength = line.length();
    }
  }

  /** Draws {@code line} as the bar and ends its line: it stays above whatever comes next, and is not drawn again. */
  synchronized void endBar(String line) {
    if (released) {
      return;
    }
    if (!atLineStart) {
      raw(System.lineSeparator()); // a line of text that never ended: the bar cannot share it
      atLineStart = true;
    }
    drawBar(line);
    raw(System.lineSeparator());
    bar = null;
    shownLength = 0;
  }

  /**
   * From now on no bar is drawn: a bar on the terminal is ended with a newline where it stands, so
   * that what follows (the note of a signal, the shell's prompt) starts a line of its own.
   */
  synchronized void release() {
    if (shownLength > 0) {
      raw(System.lineSeparator());
      atLineStart = true;
    }
    bar = null;
    shownLength = 0;
    released = true;
  }

  @Override
  public void write(int b) {
    synchronized (this) {
      clearBar();
      super.write(b);
      textWritten(b == '\n');
    }
  }

  @Override
  public void write(byte[] buf, int off, int len) {
    synchronized (this) {
      if (len == 0) {
        return;
      }
      clearBar();
      super.write(buf, off, len);
      textWritten(buf[off + len - 1] == '\n');
    }
  }

  /** Before text: a bar on the terminal is wiped (kept to be drawn again). */
  private void clearBar() {
    if (shownLength > 0) {
      raw("\r" + " ".repeat(shownLength) + "\r");
      shownLength = 0;
    }
  }

  /** After text: when it ended its line, the bar is drawn again under it. */
  private void textWritten(boolean endedLine) {
    atLineStart = endedLine;
    if (endedLine && bar != null) {
      drawBar(bar);
    }
  }

  /** Writes {@code s} to the terminal itself, bypassing the bar's bookkeeping. */
  private void raw(String s) {
    byte[] b = s.getBytes(charset);
    super.write(b, 0, b.length);
  }
}
