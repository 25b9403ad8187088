package dev.spillway.pgbinary;

import java.util.ArrayList;
import java.util.List;

/**
 * One-dimensional Postgres array literals, as the server's {@code array_in}/{@code array_out}
 * handle them (default delimiter {@code ,}).
 *
 * <p>Input: optional white space, {@code {}, elements separated by {@code ,}, {@code }}, optional
 * white space. An element is either double-quoted (backslash escapes any character) or unquoted
 * (backslash escapes; unescaped white space around it is dropped; it may not contain
 * {@code { } "} or be empty). An unquoted, unescaped {@code NULL} in any case is SQL NULL.
 * Nested braces (multidimensional arrays) and {@code [lo:hi]=} decorations are refused.
 *
 * <p>Output: {@code {a,"b c",NULL}}; an element is quoted when it is empty, spells NULL, or
 * contains {@code { } , " \} or white space; inside quotes {@code "} and {@code \} are escaped.
 */
final class ArrayLiteral {
  static final String MALFORMED = "malformed array literal";

  private ArrayLiteral() {}

  /** Element texts in order; null for NULL elements. */
  static List<String> parse(String text) {
    int n = text.length();
    int i = skipSpace(text, 0);
    if (i < n && text.charAt(i) == '[') {
      throw new InvalidValueException("array dimension decorations ([lo:hi]=) are not supported");
    }
    if (i >= n || text.charAt(i) != '{') {
      throw new InvalidValueException(MALFORMED);
    }
    List<String> out = new ArrayList<>();
    i = skipSpace(text, i + 1);
    if (i < n && text.charAt(i) == '}') {
      return end(text, i + 1, out);
    }
    StringBuilder element = new StringBuilder();
    while (true) {
      i = skipSpace(text, i);
      if (i >= n) {
        throw new InvalidValueException(MALFORMED);
      }
      char c = text.charAt(i);
      if (c == '{') {
        throw new InvalidValueException("multidimensional arrays are not supported");
      }
      element.setLength(0);
      boolean quotedOrEscaped = false;
      if (c == '"') {
        quotedOrEscaped = true;
        i++;
        while (true) {
          if (i >= n) {
            throw new InvalidValueException(MALFORMED);
          }
          char q = text.charAt(i++);
          if (q == '"') {
            break;
          }
          if (q == '\\') {
            if (i >= n) {
              throw new InvalidValueException(MALFORMED);
            }
            q = text.charAt(i++);
          }
          element.append(q);
        }
        i = skipSpace(text, i);
      } else {
        int keep = 0; // length of element up to its last escaped or non-space character
        while (i < n) {
          char u = text.charAt(i);
          if (u == ',' || u == '}') {
            break;
          }
          if (u == '{' || u == '"') {
            throw new InvalidValueException(MALFORMED);
          }
          i++;
          if (u == '\\') {
            if (i >= n) {
              throw new InvalidValueException(MALFORMED);
            }
            element.append(text.charAt(i++));
            quotedOrEscaped = true;
            keep = element.length();
          } else {
            element.append(u);
            if (!PgText.isSpace(u)) {
              keep = element.length();
            }
          }
        }
        element.setLength(keep);
        if (keep == 0 && !quotedOrEscaped) {
          throw new InvalidValueException(MALFORMED);
        }
      }
      String value = element.toString();
      out.add(!quotedOrEscaped && value.equalsIgnoreCase("NULL") ? null : value);
      if (i >= n) {
        throw new InvalidValueException(MALFORMED);
      }
      char sep = text.charAt(i++);
      if (sep == '}') {
        return end(text, i, out);
      }
      if (sep != ',') {
        throw new InvalidValueException(MALFORMED);
      }
    }
  }

  private static List<String> end(String text, int i, List<String> out) {
    if (skipSpace(text, i) != text.length()) {
      throw new InvalidValueException(MALFORMED);
    }
    return out;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && PgText.isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Appends one element's text, quoted when {@code array_out} would quote it. */
  static void appendElement(StringBuilder out, String element) {
    if (element == null) {
      out.append("NULL");
      return;
    }
    boolean quote = element.isEmpty() || element.equalsIgnoreCase("NULL");
    for (int i = 0; i < element.length() && !quote; i++) {
      char c = element.charAt(i);
      quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || PgText.isSpace(c);
    }
    if (!quote) {
      out.append(element);
      return;
    }
    out.append('"');
    for (int i = 0; i < element.length(); i++) {
      char c = element.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }
}
