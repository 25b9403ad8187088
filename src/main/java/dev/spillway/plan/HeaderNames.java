package dev.spillway.plan;

import java.util.List;

/**
 * A file's header names in messages: each in single quotes, with what cannot be seen written as an
 * escape ({@code '\uFEFFk'} for a name behind a stray byte order mark, {@code '\t'}), so that
 * {@code ' v'} (a space after the comma of {@code k, v}) is told from {@code 'v'}; and the name a
 * plan most likely meant. Stateless.
 */
final class HeaderNames {
  /** Names listed before the list is cut. */
  private static final int LISTED = 30;

  private HeaderNames() {}

  /**
   * {@code name} in single quotes; control characters as {@code \t \n \r} or {@code \}{@code uXXXX},
   * invisible format characters (byte order mark, zero-width space, ...) and spaces other than
   * U+0020 as {@code \}{@code uXXXX}, a backslash doubled.
   */
  static String quoted(String name) {
    StringBuilder out = new StringBuilder(name.length() + 2).append('\'');
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\\' -> out.append("\\\\");
        default -> {
          if (hidden(c)) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('\'').toString();
  }

  /** The names, each {@link #quoted}, comma-separated; the first 30 of a longer header and its size. */
  static String list(List<String> header) {
    if (header.isEmpty()) {
      return "no columns";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(header.size(), LISTED); i++) {
      out.append(i > 0 ? ", " : "").append(quoted(header.get(i)));
    }
    return header.size() > LISTED ? out + ", ... (" + header.size() + " columns)" : out.toString();
  }

  /**
   * {@code " (did you mean ' v'?)"}: first a header name that is {@code name} once white space at its
   * ends and invisible characters are dropped (case aside), else one within two edits
   * ({@link Problems#closest}); the empty string when there is none.
   */
  static String didYouMean(String name, List<String> header) {
    String wanted = visible(name);
    String best = null;
    for (String candidate : header) {
      String seen = visible(candidate);
      if (seen.equals(wanted)) {
        best = candidate;
        break;
      }
      if (best == null && seen.equalsIgnoreCase(wanted)) {
        best = candidate;
      }
    }
    if (best == null) {
      best = Problems.closest(name, header).orElse(null);
    }
    return best == null ? "" : " (did you mean " + quoted(best) + "?)";
  }

  /** {@code name} without its invisible characters (white space aside) and the white space at its ends. */
  private static String visible(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!hidden(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        out.append(c);
      }
    }
    return out.toString().strip().replace("\u00A0", " ").strip();
  }

  /** A character a terminal does not show as itself: control, format, or a space other than U+0020. */
  private static boolean hidden(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SPACE_SEPARATOR && c != ' ';
  }
}
