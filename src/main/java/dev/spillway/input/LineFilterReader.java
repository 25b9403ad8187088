package dev.spillway.input;

import dev.spillway.plan.CsvFormat;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * A character layer between {@link DecodingReader} and the CSV parser that blanks the lines a
 * source's {@code format} says to leave out, keeping every line break so line numbers stay exact:
 * <ul>
 *   <li>the first {@code skip_lines} physical lines (before the header, if any);
 *   <li>comment lines: a line that starts with the {@code comment} text while no quoted field is
 *       open, so a continuation line of a multi-line quoted field that happens to start with
 *       {@code #} is data, not a comment. Quoting is followed as COPY (and {@link CsvRecordParser})
 *       reads it: any quote outside quotes opens quoting, and inside quotes the escape character
 *       (by default the quote) followed by the quote or the escape is one literal character.
 * </ul>
 * A blanked comment line reaches the parser as an empty line; its number is queued
 * ({@link #claimComment}) so the reader can count it as a skipped record rather than a blank line or
 * a one-field record. Lines are counted like {@link DecodingReader} counts them ({@link LineBreaks}):
 * a line break of another style than the file's is a character of its line. Single-threaded.
 */
final class LineFilterReader extends Reader {
  private final Reader in;
  private final String comment;
  private final int skipLines;
  private final char delimiter;
  private final Character quote;
  /** the escape inside quotes: the quote itself when the format has none of its own. */
  private final Character escape;
  /** comment lines, ascending, not yet claimed by the CSV reader. */
  private final ArrayDeque<Long> commentLines = new ArrayDeque<>();
  private final char[] buffer = new char[16 * 1024];
  /** next unread char of {@link #buffer}. */
  private int position;
  /** end of the valid chars of {@link #buffer}. */
  private int limit;
  private boolean ended;
  /** the 1-based line of the next char. */
  private long line = 1;
  /** no char of the current line seen yet. */
  private boolean atLineStart = true;
  /** the rest of the current line is dropped. */
  private boolean dropping;
  /** the current line's first chars are being compared with the comment text. */
  private boolean matching;
  /** how many chars of the comment text matched so far (consumed, not yet handed on). */
  private int matched;
  /** the matched chars turned out to be data and are being handed on. */
  private boolean flushing;
  /** the next matched char to hand on while flushing. */
  private int flushIndex;
  private final LineBreaks lineBreaks = new LineBreaks();
  private boolean inQuotes;
  /** inside quotes, the last char was an escape that may take the next one. */
  private boolean escaped;

  LineFilterReader(Reader in, CsvFormat format) {
    this.in = in;
    this.comment = format.rules().comment();
    this.skipLines = format.rules().skipLines();
    this.delimiter = format.delimiter();
    this.quote = format.quote();
    this.escape = format.escape() == null ? format.quote() : format.escape();
  }

  /** Claims queued comment lines up to {@code lastLine}; true if one is at or after {@code firstLine}. */
  boolean claimComment(long firstLine, long lastLine) {
    boolean found = false;
    while (!commentLines.isEmpty() && commentLines.peekFirst() <= lastLine) {
      found |= commentLines.pollFirst() >= firstLine;
    }
    return found;
  }

  @Override
  public int read(char[] out, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int n = 0;
    while (n < length) {
      if (flushing) {
        char c = comment.charAt(flushIndex++);
        track(c);
        out[offset + n++] = c;
        if (flushIndex == matched) {
          flushing = false;
          matched = 0;
          flushIndex = 0;
        }
        continue;
      }
      if (position == limit) {
        if (ended) {
          if (matched > 0) {
            matching = false;
            flushing = true; // a line prefix cut by the end of input is data
            continue;
          }
          break;
        }
        if (n > 0) {
          break;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
          ended = true;
        } else {
          position = 0;
          limit = read;
        }
        continue;
      }
      char c = buffer[position];
      if (matching) {
        if (c == comment.charAt(matched)) {
          position++;
          lineBreaks.endsLine(c);
          if (++matched == comment.length()) {
            matching = false;
            matched = 0;
            dropping = true;
            commentLines.addLast(line);
          }
          continue;
        }
        matching = false;
        if (matched > 0) {
          flushing = true; // hand the matched chars on, then look at c again
          continue;
        }
      }
      position++;
      if (lineBreaks.endsLine(c)) {
        lineBreak();
        out[offset + n++] = c;
        continue;
      }
      if (c == '\r' || c == '\n') { // a line break of another style: a character of its line, kept
        if (dropping) {
          if (c == '\r' && lineBreaks.crlf() && (position >= limit || buffer[position] == '\n')) {
            out[offset + n++] = c; // the CR of the CRLF that ends the dropped line (or may, at a read's end): the parser needs it
          }
          continue; // else part of the dropped line: the parser must see it blank, not a stray line break
        }
        track(c);
        out[offset + n++] = c;
        continue;
      }
      if (dropping) {
        continue;
      }
      if (atLineStart) {
        atLineStart = false;
        if (line <= skipLines) {
          dropping = true;
          continue;
        }
        if (comment != null && !inQuotes) {
          matching = true;
          position--; // compare c with the comment text
          continue;
        }
      }
      track(c);
      out[offset + n++] = c;
    }
    return n == 0 ? -1 : n;
  }

  private void lineBreak() {
    line++;
    atLineStart = true;
    dropping = false;
    if (escaped) {
      escaped = false; // an escape before a line break is a literal character
      if (escape.equals(quote)) {
        inQuotes = false; // it was the closing quote
      }
    }
  }

  /** Follows quoting as COPY reads it (only when the format quotes); line breaks go to {@link #lineBreak}. */
  private void track(char c) {
    if (quote == null) {
      return;
    }
    if (!inQuotes) {
      inQuotes = c == quote;
      return;
    }
    if (escaped) {
      escaped = false;
      if (c == quote || c == escape) {
        return; // the escaped character
      }
      if (escape.equals(quote)) {
        inQuotes = false; // the quote before c closed the field (c is not a quote)
        return;
      }
    }
    if (c == escape) {
      escaped = true;
    } else if (c == quote) {
      inQuotes = false;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
