package dev.spillway.input;

import dev.spillway.plan.CsvFormat;
import java.util.List;

/**
 * Writes fields back as CSV text: for rejects lines and for showing a malformed record, in a form
 * {@code COPY (FORMAT csv)} with the same options reads back to the same fields.
 */
final class CsvText {
  private CsvText() {}

  /**
   * Appends {@code value} as one CSV field with {@code "} quoting: null is the empty unquoted
   * field, "" is {@code ""}, and a value holding a comma, quote or line break is quoted with
   * quotes doubled (the dialect of {@code COPY (FORMAT csv)}).
   */
  static void appendField(StringBuilder out, String value) {
    if (value == null) {
      return;
    }
    if (value.isEmpty() || needsQuotes(value, ',', '"')) {
      quote(out, value, '"', '"');
    } else {
      out.append(value);
    }
  }

  /** The record's fields joined in {@code format}'s dialect; NULL as the null string. */
  static String record(List<String> values, CsvFormat format) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(format.delimiter());
      }
      appendField(out, values.get(i), format);
    }
    return out.toString();
  }

  /** One field in {@code format}'s dialect: NULL as the null string, quoted when it must be. */
  private static void appendField(StringBuilder out, String value, CsvFormat format) {
    if (value == null) {
      out.append(format.nullString());
    } else if (format.quote() != null
        && (value.equals(format.nullString()) || needsQuotes(value, format.delimiter(), format.quote()))) {
      quote(out, value, format.quote(), format.escape() == null ? format.quote() : format.escape());
    } else {
      out.append(value);
    }
  }

  /**
   * {@link #record(List, CsvFormat)} cut after {@code maxChars} characters, then followed by
   * {@link MalformedRecord#CUT}; stops writing fields once past the cut.
   */
  static String record(List<String> values, CsvFormat format, int maxChars) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.size() && out.length() <= maxChars; i++) {
      if (i > 0) {
        out.append(format.delimiter());
      }
      appendField(out, values.get(i), format);
    }
    return cut(out, maxChars);
  }

  /**
   * {@code text} cut after {@code maxChars} characters, then followed by {@link MalformedRecord#CUT};
   * never between the two chars of a surrogate pair (an emoji at the cut is left out whole).
   */
  static String cut(CharSequence text, int maxChars) {
    if (text.length() <= maxChars) {
      return text.toString();
    }
    int end = maxChars > 0 && Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return text.subSequence(0, end) + MalformedRecord.CUT;
  }

  private static boolean needsQuotes(String value, char delimiter, char quote) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == delimiter || c == quote || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  /** {@code value} in quotes, a quote or escape inside it preceded by the escape (COPY's ESCAPE; by default the quote). */
  private static void quote(StringBuilder out, String value, char quote, char escape) {
    out.append(quote);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == quote || c == escape) {
        out.append(escape);
      }
      out.append(c);
    }
    out.append(quote);
  }
}
