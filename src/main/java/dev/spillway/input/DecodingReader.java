package dev.spillway.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;

/**
 * The character layer under the CSV parser: decodes bytes strictly and tells the CSV reader, by
 * line number, what the parser cannot see.
 * <ul>
 *   <li>Invalid input bytes (malformed or unmappable for the charset) become U+FFFD and the line
 *       they are on is queued, so the record covering that line can be rejected as
 *       {@code invalid UTF-8} instead of failing the file or loading garbage.
 *   <li>A leading U+FEFF (byte order mark) is dropped.
 *   <li>Input that does not end with CR or LF gets a final line break of the input's style (LF,
 *       CR or CRLF), so every record ends with a line break.
 * </ul>
 * Lines are counted like {@link CsvRecordParser} counts them ({@link LineBreaks}: at LF, or at CR in
 * a file whose first line break is a CR alone); line 1 is the first. Single-threaded.
 */
final class DecodingReader extends Reader {
  static final char REPLACEMENT = '\uFFFD';
  private static final int BYTE_BUFFER_SIZE = 64 * 1024;
  private static final int CHAR_BUFFER_SIZE = 16 * 1024;

  private final InputStream in;
  private final CharsetDecoder decoder;
  /** undecoded input, in read mode. */
  private final ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER_SIZE).flip();
  /** decoded chars not yet delivered, in read mode. */
  private final CharBuffer chars = CharBuffer.allocate(CHAR_BUFFER_SIZE).flip();
  /** lines holding an invalid byte sequence, ascending, not yet claimed by a record. */
  private final ArrayDeque<Long> invalidLines = new ArrayDeque<>();

  /** the stream returned -1. */
  private boolean inputEnded;
  /** decoding is complete and the final LF (if needed) was produced. */
  private boolean decodingDone;
  /** whether the BOM check has been done on the first decoded char. */
  private boolean bomChecked;
  /** the 1-based line of the next decoded char. */
  private long line = 1;
  private final LineBreaks lineBreaks = new LineBreaks();
  /** whether any char was decoded, and whether the last one was a line break. */
  private boolean anyChar;
  private boolean lastWasLineBreak;

  DecodingReader(InputStream in, Charset charset) {
    this.in = in;
    this.decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (decodingDone) {
        return -1;
      }
      decodeMore();
    }
    int n = Math.min(length, chars.remaining());
    chars.get(buffer, offset, n);
    return n;
  }

  /** Claims every queued invalid line up to {@code lastLine}; true if one is at or after {@code firstLine}. */
  boolean claimInvalid(long firstLine, long lastLine) {
    return claim(invalidLines, firstLine, lastLine);
  }

  private static boolean claim(ArrayDeque<Long> lines, long firstLine, long lastLine) {
    boolean found = false;
    while (!lines.isEmpty() && lines.peekFirst() <= lastLine) {
      found |= lines.pollFirst() >= firstLine;
    }
    return found;
  }

  /** Decodes at least one char into {@link #chars}, or finishes decoding. */
  private void decodeMore() throws IOException {
    chars.clear();
    chars.limit(chars.capacity() - 2); // room for one U+FFFD or the final line break
    while (chars.position() == 0 && !decodingDone) {
      if (!bytes.hasRemaining() && !inputEnded) {
        refill();
      }
      int start = chars.position();
      CoderResult result = decoder.decode(bytes, chars, inputEnded);
      scan(start);
      if (result.isError()) {
        invalidLines.addLast(line);
        bytes.position(bytes.position() + result.length());
        chars.limit(chars.capacity());
        int at = chars.position();
        chars.put(REPLACEMENT);
        scan(at);
        break;
      }
      if (result.isOverflow()) {
        break;
      } else if (inputEnded) {
        finish(); // underflow with endOfInput: every byte is decoded or was reported
      } else {
        refill();
      }
    }
    chars.flip();
  }

  /** Reads more bytes after the unconsumed ones. */
  private void refill() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    if (n < 0) {
      inputEnded = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  /** Flushes the decoder and adds the final LF when the input does not end with a line break. */
  private void finish() {
    chars.limit(chars.capacity());
    int start = chars.position();
    decoder.flush(chars);
    scan(start);
    if (anyChar && !lastWasLineBreak) {
      int at = chars.position();
      chars.put(lineBreaks.lineBreak());
      scan(at);
    }
    decodingDone = true;
  }

  /** Drops a leading BOM, then tracks lines over the chars decoded from {@code start} on. */
  private void scan(int start) {
    if (!bomChecked && chars.position() > start) {
      bomChecked = true;
      if (chars.get(start) == '\uFEFF') {
        dropCharAt(start);
      }
    }
    int end = chars.position();
    if (end == start) {
      return;
    }
    // the hot loop of the read-ahead thread: the line state in locals, written back once
    char[] array = chars.array();
    int offset = chars.arrayOffset();
    long lineNow = line;
    LineBreaks breaks = lineBreaks;
    for (int i = start; i < end; i++) {
      if (breaks.endsLine(array[offset + i])) {
        lineNow++;
      }
    }
    line = lineNow;
    anyChar = true;
    char last = array[offset + end - 1];
    lastWasLineBreak = last == '\n' || last == '\r';
  }

  private void dropCharAt(int index) {
    for (int i = index; i < chars.position() - 1; i++) {
      chars.put(i, chars.get(i + 1));
    }
    chars.position(chars.position() - 1);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
