package dev.spillway.input;

/**
 * Counts lines as an editor shows them: the input's first line break (LF, CR or CRLF) tells how
 * lines end. In a file of LF or CRLF lines every LF ends a line and a CR alone is a character of
 * its line; in a file of CR lines (its first line break a CR alone) every CR ends a line and an LF
 * is a character. So a stray CR in an LF file does not shift the line numbers after it. Fed every
 * char in order. Single-threaded.
 */
final class LineBreaks {
  private static final byte UNKNOWN = 0;
  private static final byte LF = 1;
  private static final byte CR = 2;
  private static final byte CRLF = 3;
  /** the first line break was a CR, and the next char tells whether it was CRLF. */
  private static final byte CR_OR_CRLF = 4;

  private byte style = UNKNOWN;

  /**
   * Whether {@code c} ends a line: an LF in an LF or CRLF file, a CR in a CR file (the first CR of
   * the input, which sets the style, ends its line itself, and an LF right after it does not).
   */
  boolean endsLine(char c) {
    boolean ends = false;
    if (c == '\n') {
      switch (style) {
        case UNKNOWN -> {
          style = LF;
          ends = true;
        }
        case LF -> ends = true;
        case CRLF -> ends = true;
        case CR_OR_CRLF -> style = CRLF;
        default -> { }
      }
    } else if (c == '\r') {
      switch (style) {
        case UNKNOWN -> {
          style = CR_OR_CRLF;
          ends = true;
        }
        case CR -> ends = true;
        case CR_OR_CRLF -> {
          style = CR;
          ends = true;
        }
        default -> { }
      }
    } else if (style == CR_OR_CRLF) {
      style = CR;
    }
    return ends;
  }

  /** Whether the input's lines end with CRLF (as far as read). */
  boolean crlf() {
    return style == CRLF;
  }

  /** The line break of the input's style (LF before any): what ends an input that lacks one. */
  String lineBreak() {
    return switch (style) {
      case CR, CR_OR_CRLF -> "\r";
      case CRLF -> "\r\n";
      default -> "\n";
    };
  }
}
