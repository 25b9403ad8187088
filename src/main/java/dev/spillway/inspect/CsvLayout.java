package dev.spillway.inspect;

import dev.spillway.segment.SpillColumn;
import java.io.IOException;
import java.util.List;

/**
 * Rows as PostgreSQL's {@code COPY ... (FORMAT csv)} reads them with its defaults (delimiter comma,
 * quote and escape {@code "}, NULL as an unquoted empty field), one row per {@code \n}-ended line:
 * NULL is nothing at all, an empty string is {@code ""}, and a value is quoted, its quotes doubled,
 * when it holds a comma, a quote, CR or LF, or is exactly {@code \.} (the end-of-data marker). Each
 * value is its type's output text ({@link dev.spillway.pgbinary.Codec#format}), which the type's
 * input function reads back to the same value, so the CSV loads to the rows the segment holds.
 */
final class CsvLayout implements TextLayout {
  @Override
  public void header(List<SpillColumn> columns, Appendable out) throws IOException {
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      field(columns.get(i).name(), out);
    }
    out.append('\n');
  }

  @Override
  public void row(Object[] values, RowDecoder decoder, Appendable out) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      if (values[i] != null) {
        field(decoder.codec(i).format(values[i]), out);
      }
    }
    out.append('\n');
  }

  /** A non-null value: quoted when it must be (an empty string always is, to tell it from NULL). */
  static void field(String s, Appendable out) throws IOException {
    if (!needsQuotes(s)) {
      out.append(s);
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }

  private static boolean needsQuotes(String s) {
    if (s.isEmpty() || s.equals("\\.")) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
