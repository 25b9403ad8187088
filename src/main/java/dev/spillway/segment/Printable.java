package dev.spillway.segment;

/**
 * Makes untrusted text safe to print on a terminal: names from a spill directory (a hostile
 * manifest can hold table names with newlines and ANSI escape sequences that forge output lines
 * or drive the terminal), from the database or from the file system. Every control character (C0,
 * DEL, C1) and the line and paragraph separators become a visible escape: {@code \n}, {@code \r},
 * {@code \t}, {@code \e} (ESC), otherwise {@code \x7f}, {@code \x85}, {@code \u2028}. Everything else,
 * backslashes included, is kept as is. Stateless.
 */
public final class Printable {
  private Printable() {}

  /** {@code text} with every control character escaped; null stays null. */
  public static String escape(String text) {
    if (text == null || text.codePoints().noneMatch(Printable::isControl)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    text.codePoints().forEach(c -> {
      if (!isControl(c)) {
        out.appendCodePoint(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == 0x1b) {
        out.append("\\e");
      } else if (c < 0x100) {
        out.append(String.format("\\x%02x", c));
      } else {
        out.append(String.format("\\u%04x", c));
      }
    });
    return out.toString();
  }

  /** Like {@link #escape} but keeps line breaks: for messages that are several lines by design. */
  public static String escapeKeepingLines(String text) {
    if (text == null) {
      return null;
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lines[i] = escape(lines[i]);
    }
    return String.join("\n", lines);
  }

  private static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029;
  }
}
