package dev.spillway.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits PostgreSQL text-format input into lines of raw bytes the way {@code COPY FROM (FORMAT
 * text)} does (PostgreSQL 15, {@code CopyReadLineText}):
 * <ul>
 *   <li>A line ends at LF, CR or CRLF; the first line's ending is the file's style, and a line
 *       break of another style is a literal line break in the data, which COPY refuses. Here that
 *       line gets a {@link #problem()} ({@code literal carriage return found in data}) and reading
 *       goes on: a CR inside an LF file is kept in the line, which ends at the next LF; an LF inside
 *       a CR file likewise; an LF alone in a CRLF file ends its line.
 *   <li>A backslash takes the next byte into the line whatever it is, so backslash-LF is a newline
 *       inside the line (a field value), not its end, and {@code \\.} is not an end marker.
 *   <li>{@code \.} followed by the file's line break ends the data (the end-of-copy marker, seen
 *       anywhere in a line as in PostgreSQL 15): what precedes it on its line is the last line. Any
 *       other {@code \.} is {@code end-of-copy marker corrupt} (or, followed by a line break of
 *       another style, {@code end-of-copy marker does not match previous newline style}): COPY
 *       fails there; here the line is a problem and reading goes on. What follows a marker is not
 *       read; {@link #linesAfterEndMarker()} tells how much that was.
 *   <li>A line longer than {@code maxLineBytes} is cut there and marked {@link #tooLong()}; the
 *       rest of it is skipped up to its end.
 *   <li>A UTF-8 byte order mark at the start is dropped (COPY would keep it in the first field).
 * </ul>
 * Physical lines are counted like the CSV reader counts them (CR, LF and CRLF each end one line,
 * escaped or not), so a record's line number is where it starts. Single-threaded.
 */
final class TextLines {
  private static final int BUFFER_BYTES = 64 * 1024;

  /** The line-break style, known after the first line break. */
  private enum Eol { UNKNOWN, NL, CR, CRNL }

  private final InputStream in;
  private final long maxLineBytes;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  /** next unread byte of {@link #buffer}. */
  private int position;
  /** end of the valid bytes of {@link #buffer}. */
  private int limit;
  private boolean inputEnded;
  private boolean bomChecked;
  private Eol eol = Eol.UNKNOWN;
  /** the 1-based physical line of the next byte. */
  private long physicalLine = 1;
  /** the last byte consumed was CR (an LF right after it ends no extra line). */
  private boolean afterCr;
  /** the end-of-copy marker was read: there are no more lines. */
  private boolean ended;

  /** the current line's bytes, without its line break: {@code line[0, lineLength)}. */
  private byte[] line = new byte[1024];
  private int lineLength;
  /** the physical line where the current line starts. */
  private long startLine;
  /** why COPY would refuse the current line, or null. */
  private String problem;
  /** the current line was longer than {@link #maxLineBytes} and is cut. */
  private boolean tooLong;
  /** the current line had no byte at all and ended with a line break (or the end marker). */
  private boolean blank;

  TextLines(InputStream in, long maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLength;
  }

  long startLine() {
    return startLine;
  }

  String problem() {
    return problem;
  }

  boolean tooLong() {
    return tooLong;
  }

  boolean blank() {
    return blank;
  }

  /** The physical line the next line would start on: after the end, one past the last line. */
  long nextLine() {
    return physicalLine;
  }

  /** Reads the next line; false at the end of the input or after the end-of-copy marker. */
  boolean next() throws IOException {
    if (ended) {
      return false;
    }
    checkBom();
    lineLength = 0;
    problem = null;
    tooLong = false;
    startLine = physicalLine;
    if (peek() < 0) {
      return false;
    }
    while (true) {
      int c = read();
      if (c < 0) {
        blank = false;
        return true;
      }
      if (c == '\\') {
        int c2 = peek();
        if (c2 == '.') {
          read();
          if (endMarker()) {
            blank = lineLength == 0;
            ended = true;
            return lineLength > 0 || problem != null;
          }
          append('\\');
          append('.');
        } else if (c2 < 0) {
          append('\\');
        } else {
          append('\\');
          append(read());
        }
      } else if (c == '\n') {
        if (eol == Eol.UNKNOWN) {
          eol = Eol.NL;
        } else if (eol != Eol.NL) {
          problem("literal newline found in data");
          if (eol == Eol.CR) {
            append(c);
            continue;
          }
        }
        return endOfLine();
      } else if (c == '\r') {
        if (eol == Eol.UNKNOWN || eol == Eol.CRNL) {
          if (peek() == '\n') {
            read();
            eol = Eol.CRNL;
            return endOfLine();
          }
          if (eol == Eol.CRNL) {
            problem("literal carriage return found in data");
            append(c);
            continue;
          }
          eol = Eol.CR;
          return endOfLine();
        } else if (eol == Eol.NL) {
          problem("literal carriage return found in data");
          append(c);
          continue;
        }
        return endOfLine();
      } else {
        append(c);
      }
    }
  }

  private boolean endOfLine() {
    blank = lineLength == 0 && problem == null;
    return true;
  }

  /**
   * After {@code \.}: true when it is the end-of-copy marker (its line break consumed); otherwise
   * records COPY's complaint and leaves the following byte for the line loop.
   */
  private boolean endMarker() throws IOException {
    if (eol == Eol.CRNL) {
      int c = peek();
      if (c == '\n') {
        problem("end-of-copy marker does not match previous newline style");
        return false;
      } else if (c != '\r') {
        problem("end-of-copy marker corrupt");
        return false;
      }
      read();
    }
    int c = peek();
    if (c != '\r' && c != '\n') {
      problem("end-of-copy marker corrupt");
      return false;
    }
    if (eol == Eol.NL && c != '\n' || eol == Eol.CRNL && c != '\n' || eol == Eol.CR && c != '\r') {
      problem("end-of-copy marker does not match previous newline style");
      return false;
    }
    read();
    if (eol == Eol.UNKNOWN && c == '\r' && peek() == '\n') {
      read();
    }
    return true;
  }

  /**
   * After the end-of-copy marker: reads the rest of the input, and returns how many lines with
   * data it held (0 when nothing, or only line breaks, followed the marker).
   */
  long linesAfterEndMarker() throws IOException {
    long lines = 0;
    boolean lineHasData = false;
    for (int c = read(); c >= 0; c = read()) {
      if (c == '\n' || c == '\r') {
        lines += lineHasData ? 1 : 0;
        lineHasData = false;
      } else {
        lineHasData = true;
      }
    }
    return lines + (lineHasData ? 1 : 0);
  }

  private void problem(String reason) {
    if (problem == null) {
      problem = reason;
    }
  }

  private void append(int b) {
    if (lineLength >= maxLineBytes) {
      tooLong = true;
      return;
    }
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, (int) Math.min(Math.max(16, (long) line.length * 2), Math.min(maxLineBytes, Integer.MAX_VALUE - 8)));
    }
    line[lineLength++] = (byte) b;
  }

  private void checkBom() throws IOException {
    if (bomChecked) {
      return;
    }
    bomChecked = true;
    fill(3);
    if (limit - position >= 3 && (buffer[position] & 0xFF) == 0xEF && (buffer[position + 1] & 0xFF) == 0xBB
        && (buffer[position + 2] & 0xFF) == 0xBF) {
      position += 3;
    }
  }

  /** The next byte without consuming it, or -1 at the end. */
  private int peek() throws IOException {
    if (position == limit && !fill(1)) {
      return -1;
    }
    return buffer[position] & 0xFF;
  }

  /** Consumes the next byte, counting physical lines; -1 at the end. */
  private int read() throws IOException {
    if (position == limit && !fill(1)) {
      return -1;
    }
    int c = buffer[position++] & 0xFF;
    if (c == '\r' || c == '\n' && !afterCr) {
      physicalLine++;
    }
    afterCr = c == '\r';
    return c;
  }

  /** Makes at least {@code wanted} bytes available if the input has them; false if none is. */
  private boolean fill(int wanted) throws IOException {
    if (limit - position >= wanted) {
      return true;
    }
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
    while (!inputEnded && limit < wanted) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        inputEnded = true;
      } else {
        limit += n;
      }
    }
    return limit > position;
  }

  void close() throws IOException {
    in.close();
  }
}
