package dev.spillway.plan;

import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiled plan functions that cut text by a pattern or separator: {@code replace},
 * {@code extract}, {@code split_part}. Regexes are compiled once, when the file is bound. NULL in,
 * NULL out. Immutable.
 */
final class PatternFunctions {
  private PatternFunctions() {}

  /** Every match of the regex replaced ({@code $1} refers to a group). */
  record Replace(BoundValue.Text x, Pattern regex, String replacement) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      return v == null ? null : regex.matcher(v).replaceAll(replacement);
    }
  }

  /** The first match's first group (or the whole match when the regex has no group); NULL when none. */
  record Extract(BoundValue.Text x, Pattern regex) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      if (v == null) {
        return null;
      }
      Matcher m = regex.matcher(v);
      if (!m.find()) {
        return null;
      }
      return m.groupCount() >= 1 ? m.group(1) : m.group();
    }
  }

  /**
   * Postgres's {@code split_part}: the n-th field split at a literal separator (n from 1; negative
   * counts from the end); the empty string when there are fewer fields. An empty separator leaves
   * the whole text as one field.
   */
  record SplitPart(BoundValue.Text x, String separator, int n) implements BoundValue.Computed {
    @Override
    public String text(IntFunction<String> fields, String element) {
      String v = x.text(fields, element);
      if (v == null) {
        return null;
      }
      if (separator.isEmpty() || v.isEmpty()) {
        return n == 1 || n == -1 ? v : "";
      }
      return n > 0 ? forward(v) : backward(v);
    }

    private String forward(String v) {
      int from = 0;
      for (int field = 1; field < n; field++) {
        int at = v.indexOf(separator, from);
        if (at < 0) {
          return "";
        }
        from = at + separator.length();
      }
      int to = v.indexOf(separator, from);
      return v.substring(from, to < 0 ? v.length() : to);
    }

    private String backward(String v) {
      int to = v.length();
      for (int field = -1; field > n; field--) {
        int at = v.lastIndexOf(separator, to - separator.length());
        if (at < 0 || to - separator.length() < 0) {
          return "";
        }
        to = at;
      }
      int at = to - separator.length() < 0 ? -1 : v.lastIndexOf(separator, to - separator.length());
      return v.substring(at < 0 ? 0 : at + separator.length(), to);
    }
  }

}
