package dev.spillway.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits JSON lines input into lines of raw bytes: a line ends at LF, and a CR right before that LF
 * is dropped (CRLF files); a CR anywhere else is left to the JSON parser (white space between
 * tokens, an error inside a string). A UTF-8 byte order mark at the start is dropped. A line longer
 * than {@code maxLineBytes} is cut there and marked {@link #tooLong()}; the rest of it is skipped up
 * to its LF, so the next line is read as usual. Line 1 is the first; a record's line is exact
 * because a JSON line cannot hold a raw LF. Single-threaded.
 */
final class JsonLines {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final InputStream in;
  private final long maxLineBytes;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  /** next unread byte of {@link #buffer}. */
  private int position;
  /** end of the valid bytes of {@link #buffer}. */
  private int limit;
  private boolean inputEnded;
  private boolean bomChecked;
  /** the 1-based line the next line starts on. */
  private long nextLine = 1;

  /** the current line's bytes without its line break: {@code line[0, length)}. */
  private byte[] line = new byte[1024];
  private int length;
  private long lineNumber;
  private boolean tooLong;

  JsonLines(InputStream in, long maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  long lineNumber() {
    return lineNumber;
  }

  boolean tooLong() {
    return tooLong;
  }

  /** The line the next line would start on: after the end, one past the last line. */
  long nextLine() {
    return nextLine;
  }

  /** True when the current line holds only JSON white space (or nothing). */
  boolean blank() {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return !tooLong;
  }

  /** Reads the next line; false at the end of the input. */
  boolean next() throws IOException {
    if (!bomChecked) {
      bomChecked = true;
      if (fill(3) && limit - position >= 3 && (buffer[position] & 0xFF) == 0xEF && (buffer[position + 1] & 0xFF) == 0xBB
          && (buffer[position + 2] & 0xFF) == 0xBF) {
        position += 3;
      }
    }
    if (position == limit && !fill(1)) {
      return false;
    }
    length = 0;
    tooLong = false;
    lineNumber = nextLine++;
    while (true) {
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      append(position, end);
      boolean foundLf = end < limit;
      position = foundLf ? end + 1 : end;
      if (foundLf || !fill(1)) {
        break;
      }
    }
    if (length > 0 && line[length - 1] == '\r' && !tooLong) {
      length--;
    }
    return true;
  }

  private void append(int from, int to) {
    int n = to - from;
    if (n == 0) {
      return;
    }
    long room = maxLineBytes - length;
    if (n > room) {
      tooLong = true;
      n = (int) Math.max(0, room);
    }
    if (length + n > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(Math.max(length + n, (long) line.length * 2), Integer.MAX_VALUE - 8));
    }
    System.arraycopy(buffer, from, line, length, n);
    length += n;
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
