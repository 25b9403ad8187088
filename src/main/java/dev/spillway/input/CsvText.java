package dev.spillway.input;

import dev.spillway.plan.CsvFormat;
import java.util.List;

/** Writes fields back as CSV text: for rejects lines and for showing a malformed record. */
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
      quote(out, value, '"');
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
      String value = values.get(i);
      if (value == null) {
        out.append(format.nullString());
      } else if (format.quote() != null
          && (value.equals(format.nullString()) || needsQuotes(value, format.delimiter(), format.quote()))) {
        quote(out, value, format.quote());
      } else {
        out.append(value);
      }
    }
    return out.toString();
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

  private static void quote(StringBuilder out, String value, char quote) {
    out.append(quote);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == quote) {
        out.append(quote);
      }
      out.append(c);
    }
    out.append(quote);
  }
}
