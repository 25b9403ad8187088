package dev.spillway.input;

import dev.spillway.plan.CsvFormat;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits decoded characters into CSV records and fields exactly as PostgreSQL's
 * {@code COPY ... FROM (FORMAT csv)} does (PostgreSQL 15, {@code CopyReadLineText} and
 * {@code CopyReadAttributesCSV}), in one pass:
 * <ul>
 *   <li>Outside quotes, a delimiter ends the field, a line break ends the record, and a quote
 *       character starts quoting, wherever it is in the field ({@code a"b,c"d} is the
 *       one field {@code ab,cd}); every other character is literal, the escape character included.
 *   <li>Inside quotes, the escape character followed by the quote or by the escape character gives
 *       that character; followed by anything else it is literal ({@code "C:\new"} with escape
 *       {@code \} is {@code C:\new}: nothing is ever decoded as {@code \n}). With no escape
 *       character of its own the escape is the quote, so {@code ""} is a quote. Otherwise the
 *       quote ends quoting, and the field goes on unquoted: {@code "abc"x} is {@code abcx}, and,
 *       with an escape other than the quote, {@code "a""b"} is {@code ab}. Line breaks inside
 *       quotes are data.
 *   <li>A field that was never quoted and equals the null string is NULL; a quoted one never is.
 *   <li>The first line break outside quotes (LF, CR or CRLF) is the input's style (COPY's
 *       {@code eol_type}); a line break of another style outside quotes (a CR in an LF file, an LF
 *       alone in a CRLF file) is where COPY fails with {@code unquoted carriage return found in
 *       data} or {@code unquoted newline found in data}. Here it is kept as a character of the
 *       record, which is read on to its proper line break and is {@link Outcome#BAD_LINE_BREAK}.
 *   <li>One deliberate difference: an unquoted line {@code \.} alone is data here; PostgreSQL 15
 *       takes it as the end of the data and ignores the rest of the input without an error.
 * </ul>
 * A record that does not fit {@code maxRecordChars} (its characters, delimiters, quotes and line
 * breaks inside quotes counted, its final line break not) is {@link Outcome#TOO_LONG}: its
 * characters are not kept beyond the bound, but it is read to its end by the same rules, so
 * the next record is read as usual. A quoted field still open at the end of the input is
 * {@link Outcome#UNTERMINATED}, or {@link Outcome#RUNAWAY} when it ran past the bound as well.
 *
 * <p>Lines are counted like {@link DecodingReader} counts them ({@link LineBreaks}: at LF, or at CR
 * in a file whose first line break is a CR alone; inside quotes or not); the input ends with a line
 * break, as that reader delivers it.
 * Per record: one {@code String} per non-NULL field and one array; no other allocation once the
 * buffers have grown to the longest record. Single-threaded.
 */
final class CsvRecordParser {
  /** What {@link #next()} found. */
  enum Outcome {
    /** A record: {@link #fields()}, {@link #blank()}. */
    RECORD,
    /** A record with a line break of another style outside quotes: {@link #fields()}, {@link #badLineBreak()}. */
    BAD_LINE_BREAK,
    /** A record longer than the bound, read to its end and dropped: {@link #partialText()}. */
    TOO_LONG,
    /** A quoted field open at the end of the input: it took the rest of the input. */
    UNTERMINATED,
    /** {@link #UNTERMINATED} and longer than the bound: no closing quote within it. */
    RUNAWAY,
    /** No more input. */
    END
  }

  private static final int BUFFER_CHARS = 64 * 1024;
  /** Line-break styles; 0 is not known yet. */
  private static final int LF = 1;
  private static final int CR = 2;
  private static final int CRLF = 3;

  private final Reader in;
  private final CsvFormat format;
  private final char delimiter;
  /** the quote; the delimiter when the format has none, so that the quote test never matches first. */
  private final char quote;
  /** the escape inside quotes: the quote itself when the format has no escape of its own. */
  private final char escape;
  private final char[] nullChars;
  private final long maxRecordChars;

  private char[] buffer = new char[BUFFER_CHARS];
  /** next unread char of {@link #buffer}. */
  private int position;
  /** end of the valid chars of {@link #buffer}. */
  private int limit;
  /** chars consumed before {@code buffer[0]}: a char's offset in the input is this plus its index. */
  private long bufferOffset;
  private boolean inputEnded;
  /** COPY's eol_type: the style of the first line break outside quotes; 0 before it. */
  private int eol;
  /** the style lines are counted in: the input's first line break's ({@link LineBreaks}); 0 before it. */
  private int lineStyle;
  /** why the current record is {@link Outcome#BAD_LINE_BREAK}, or null. */
  private String badLineBreak;
  /** the 1-based line of the next char. */
  private long line = 1;

  /** the current field's chars, [0, fieldLength). */
  private char[] field = new char[256];
  private int fieldLength;
  /** the current record's fields, [0, fieldCount). */
  private String[] values = new String[16];
  private int fieldCount;
  /** the current record's chars are no longer kept: it is past the bound. */
  private boolean discarding;
  /** the record's text up to the bound, made once when it went past it. */
  private String partialText;

  private long startLine;
  private long endLine;
  private boolean blank;
  private String[] fields;

  CsvRecordParser(Reader in, CsvFormat format, long maxRecordChars) {
    this.in = in;
    this.format = format;
    this.delimiter = format.delimiter();
    this.quote = format.quote() == null ? format.delimiter() : format.quote();
    this.escape = format.escape() == null ? quote : format.escape();
    this.nullChars = format.nullString().toCharArray();
    this.maxRecordChars = maxRecordChars;
  }

  /** The line the last record starts on. */
  long startLine() {
    return startLine;
  }

  /** The line the last record ends on (its last line break not counted). */
  long endLine() {
    return endLine;
  }

  /** The line the next char is on: after the end, one past the last line. */
  long nextLine() {
    return line;
  }

  /** The last {@link Outcome#RECORD}'s fields, nulls for NULL (the array is handed over). */
  String[] fields() {
    return fields;
  }

  /** Whether the last record was an empty line: no character before its line break. */
  boolean blank() {
    return blank;
  }

  /** Why the last record is {@link Outcome#BAD_LINE_BREAK}: COPY's message, with the file's style. */
  String badLineBreak() {
    return badLineBreak;
  }

  /**
   * The text of a record that was not delivered ({@link Outcome#TOO_LONG}, {@link Outcome#UNTERMINATED}):
   * its fields as read up to the bound, written back in the format's dialect, cut after
   * {@value CsvReader#RAW_TEXT_CHARS} characters (then followed by {@link MalformedRecord#CUT}).
   */
  String partialText() {
    return partialText;
  }

  /** Reads the next record. */
  Outcome next() throws IOException {
    fields = null;
    badLineBreak = null;
    if (position == limit && !fill()) {
      return Outcome.END;
    }
    startLine = line;
    long recordStart = bufferOffset + position;
    fieldCount = 0;
    fieldLength = 0;
    discarding = false;
    partialText = null;
    boolean quoted = false;
    boolean inQuotes = false;
    final char delimiter = this.delimiter; // locals: the scanning loops below are the hot path
    final char quote = this.quote;
    final char escape = this.escape;
    // the first char past the bound, as an input offset
    final long boundOffset = maxRecordChars > Long.MAX_VALUE - recordStart ? Long.MAX_VALUE : recordStart + maxRecordChars;
    while (true) {
      if (position == limit && !fill()) {
        return endOfInput(recordStart, quoted, inQuotes);
      }
      int end = limit;
      if (!discarding) {
        long bound = boundOffset - bufferOffset;
        if (position >= bound) {
          char next = buffer[position];
          if (position > bound || inQuotes || next != '\n' && next != '\r') {
            startDiscarding(inQuotes); // exactly past the bound, wherever the reads were cut
          }
        } else if (bound < end) {
          end = (int) bound;
        }
      }
      char[] chars = buffer;
      int at = position;
      char c = 0;
      if (!inQuotes) {
        while (at < end) {
          c = chars[at];
          if (c == delimiter || c == quote || c == '\n' || c == '\r') {
            break;
          }
          at++;
        }
        append(chars, position, at);
        position = at;
        if (at == end) {
          continue;
        }
        if (c == '\n' || c == '\r') {
          if (eol == 0) {
            eol = styleAt();
          }
          boolean ends = eol == LF ? c == '\n' : eol == CR ? c == '\r' : c == '\r' && charAfter() == '\n';
          if (!ends && atFinalLineBreak(c)) {
            // the input's last line break, of another style than its first outside quotes: the decoding
            // layer ends an unended last line in the style of the first line break anywhere, quoted or not
            long length = bufferOffset + position - recordStart;
            endLine = line;
            countLine(c);
            position++;
            if (c == '\r' && position < limit && buffer[position] == '\n') {
              countLine('\n');
              position++;
            }
            blank = length == 0;
            return recordEnded(length, quoted);
          }
          if (!ends) {
            if (badLineBreak == null) {
              badLineBreak = (c == '\r' ? "unquoted carriage return" : "unquoted newline") + " found in data (the file's lines end with "
                  + (eol == LF ? "LF" : eol == CR ? "CR" : "CRLF") + "; COPY fails the whole file here)";
            }
            countLine(c);
            position++;
            appendChar(c);
            continue;
          }
          endLine = line;
          countLine(c);
          if (eol == CRLF && lineStyle != CR) {
            line++; // for its LF, consumed with it
          }
          at = position; // the buffer may have moved
        }
        position++;
        if (c == delimiter) {
          endField(quoted);
          quoted = false;
        } else if (c == quote) {
          quoted = true;
          inQuotes = true;
        } else {
          long length = bufferOffset + at - recordStart;
          if (eol == CRLF) {
            position++; // its LF
          }
          blank = length == 0;
          return recordEnded(length, quoted);
        }
      } else {
        while (at < end) {
          c = chars[at];
          if (c == quote || c == escape || c == '\n' || c == '\r') {
            break;
          }
          at++;
        }
        append(chars, position, at);
        position = at;
        if (at == end) {
          continue;
        }
        if (c == '\n' || c == '\r') {
          countLine(c);
          position++;
          appendChar(c);
          continue;
        }
        if (c == escape && (position + 1 < limit || fillKeeping())) {
          char next = buffer[position + 1];
          if (next == escape || next == quote) {
            appendChar(next);
            position += 2;
            continue;
          }
        }
        position++;
        if (c == quote) {
          inQuotes = false;
        } else {
          appendChar(c);
        }
      }
    }
  }

  /** The input ended inside a record (the decoding layer ends every line, so only inside quotes). */
  private Outcome endOfInput(long recordStart, boolean quoted, boolean inQuotes) {
    long length = bufferOffset + position - recordStart;
    blank = false;
    if (inQuotes) {
      endLine = line - 1; // the input's final line break is inside the quotes
      if (discarding || length > maxRecordChars) {
        return Outcome.RUNAWAY;
      }
      partialText = textSoFar(true);
      return Outcome.UNTERMINATED;
    }
    endLine = line++;
    return recordEnded(length, quoted);
  }

  /**
   * The record ended outside quotes after {@code length} chars: {@link Outcome#TOO_LONG} past the
   * bound (discarding was started there, or starts now), else its last field ends and its fields are
   * kept.
   */
  private Outcome recordEnded(long length, boolean quoted) {
    if (discarding || length > maxRecordChars) {
      if (!discarding) {
        startDiscarding(false);
      }
      return Outcome.TOO_LONG;
    }
    endField(quoted);
    fields = Arrays.copyOf(values, fieldCount);
    return badLineBreak == null ? Outcome.RECORD : Outcome.BAD_LINE_BREAK;
  }

  /** The style of the line break at {@code position}: LF, CR, or CRLF when an LF follows the CR. */
  private int styleAt() throws IOException {
    return buffer[position] == '\n' ? LF : charAfter() == '\n' ? CRLF : CR;
  }

  /** The char after {@code position}, or -1 at the end of the input (the buffer may move). */
  private int charAfter() throws IOException {
    return position + 1 < limit || fillKeeping() ? buffer[position + 1] : -1;
  }

  /** Counts a line at the line break {@code c} at {@code position} as {@link LineBreaks} does: at LF, or at CR in a CR file. */
  private void countLine(char c) throws IOException {
    if (lineStyle == 0) {
      lineStyle = styleAt();
    }
    if (lineStyle == CR ? c == '\r' : c == '\n') {
      line++;
    }
  }

  private void append(char[] chars, int from, int to) {
    int n = to - from;
    if (n == 0 || discarding) {
      return;
    }
    if (fieldLength + n > field.length) {
      field = Arrays.copyOf(field, Math.max(fieldLength + n, field.length * 2));
    }
    System.arraycopy(chars, from, field, fieldLength, n);
    fieldLength += n;
  }

  private void appendChar(char c) {
    if (discarding) {
      return;
    }
    if (fieldLength == field.length) {
      field = Arrays.copyOf(field, field.length * 2);
    }
    field[fieldLength++] = c;
  }

  private void endField(boolean quoted) {
    if (discarding) {
      return;
    }
    String value;
    if (!quoted && fieldLength == nullChars.length && Arrays.equals(field, 0, fieldLength, nullChars, 0, fieldLength)) {
      value = null;
    } else {
      value = new String(field, 0, fieldLength);
    }
    if (fieldCount == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[fieldCount++] = value;
    fieldLength = 0;
  }

  /** The record went past the bound: keeps its text so far for the reject, then keeps nothing more. */
  private void startDiscarding(boolean inQuotes) {
    String text = textSoFar(inQuotes);
    partialText = text.endsWith(MalformedRecord.CUT) ? text : text + MalformedRecord.CUT;
    discarding = true;
    fieldLength = 0;
    if (field.length > BUFFER_CHARS) {
      field = new char[256]; // a long record does not keep its memory
    }
  }

  /**
   * The fields read so far written back in the format's dialect, then the open field's chars as
   * they are (after its opening quote when it is quoted), without a final line break.
   */
  private String textSoFar(boolean inQuotes) {
    StringBuilder out = new StringBuilder(CsvText.record(Arrays.asList(values).subList(0, fieldCount), format,
        CsvReader.RAW_TEXT_CHARS));
    if (fieldCount > 0) {
      out.append(delimiter);
    }
    if (inQuotes) {
      out.append(quote);
    }
    int shown = fieldLength;
    while (shown > 0 && (field[shown - 1] == '\n' || field[shown - 1] == '\r')) {
      shown--;
    }
    out.append(field, 0, Math.min(shown, CsvReader.RAW_TEXT_CHARS + 1));
    return CsvText.cut(out, CsvReader.RAW_TEXT_CHARS);
  }

  /**
   * Moves the unread chars to the start of the buffer and reads more after them; false when
   * none could be read (the end of the input).
   */
  private boolean fill() throws IOException {
    if (inputEnded) {
      return false;
    }
    int kept = limit - position;
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, kept);
      bufferOffset += position;
      position = 0;
      limit = kept;
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n;
    do {
      n = in.read(buffer, limit, buffer.length - limit);
    } while (n == 0);
    if (n < 0) {
      inputEnded = true;
      return false;
    }
    limit += n;
    return true;
  }

  /** Makes the char after {@code position} available if the input has one. */
  /**
   * Whether the line break {@code c} at {@code position} is the input's last and of the style of its
   * first line break anywhere ({@link #lineStyle}, what {@link DecodingReader} adds to an unended
   * last line): nothing, or only its CRLF's LF, follows. A last line break of yet another style is
   * still COPY's error.
   */
  private boolean atFinalLineBreak(char c) throws IOException {
    int after = charAfter();
    if (lineStyle != CRLF) {
      return after == -1 && c == (lineStyle == CR ? '\r' : '\n');
    }
    if (c != '\r' || after != '\n') {
      return false;
    }
    while (position + 2 >= limit) {
      if (!fill()) {
        return true;
      }
    }
    return false;
  }

  private boolean fillKeeping() throws IOException {
    while (position + 1 >= limit) {
      if (!fill()) {
        return false;
      }
    }
    return true;
  }
}
