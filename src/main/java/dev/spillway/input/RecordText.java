package dev.spillway.input;

import dev.spillway.plan.CsvFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The beginning of the text of an input file from a given line on, read again from the file: what
 * a rejects line shows for a record the CSV parser could not deliver (an unterminated quoted field,
 * a record past {@code max_record_chars}), whose text Commons CSV does not hand back. Reads through
 * the same layers as {@link CsvReader} ({@link InputFiles}, strict decoding, BOM dropped) and counts lines the
 * same way (CR, LF and CRLF each end one). Costs one pass over the file up to that line; used only
 * for such failures, at most once per file. Stateless.
 */
final class RecordText {
  private RecordText() {}

  /** What rejects show for such a record read from standard input, which cannot be read again. */
  static final String NOT_READ_AGAIN = "(not shown: standard input cannot be read again)";

  /** Marks text cut at {@code maxChars}. */
  static final String CUT = "…";

  /**
   * Up to {@code maxChars} characters of {@code file} from the start of {@code line} on, followed by
   * {@link #CUT} when more follow; a final line break is dropped.
   */
  static String from(Path file, CsvFormat format, long line, int maxChars) throws IOException {
    try (InputBytes bytes = InputFiles.filesOnly().open(file, false);
         BufferedReader in = new BufferedReader(new DecodingReader(bytes.plain(), format.encoding(), Long.MAX_VALUE), 64 * 1024)) {
      long current = 1;
      boolean afterCr = false;
      int c;
      while (current < line && (c = in.read()) >= 0) {
        if (c == '\n' && !afterCr || c == '\r') {
          current++;
        }
        afterCr = c == '\r';
      }
      if (afterCr) {
        in.mark(1);
        if (in.read() != '\n') {
          in.reset();
        }
      }
      StringBuilder text = new StringBuilder();
      while (text.length() < maxChars && (c = in.read()) >= 0) {
        text.append((char) c);
      }
      boolean more = in.read() >= 0;
      if (!more) {
        stripFinalLineBreak(text);
      }
      return more ? text + CUT : text.toString();
    }
  }

  private static void stripFinalLineBreak(StringBuilder text) {
    int n = text.length();
    if (n > 0 && text.charAt(n - 1) == '\n') {
      text.setLength(--n);
    }
    if (n > 0 && text.charAt(n - 1) == '\r') {
      text.setLength(n - 1);
    }
  }
}
