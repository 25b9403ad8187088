package dev.spillway.inspect;

import dev.spillway.segment.SpillColumn;
import java.io.IOException;
import java.util.List;

/**
 * Rows exactly as PostgreSQL 15's {@code COPY ... TO (FORMAT csv)} writes them with its defaults
 * (delimiter comma, quote and escape {@code "}, NULL as an unquoted empty field), one row per
 * {@code \n}-ended line (spill-format.md, section 10): NULL is nothing at all, an empty string is
 * {@code ""}, and a value is quoted, its quotes doubled, when it holds a comma, a quote, CR or LF,
 * or, in a table of a single column only, is exactly {@code \.} (which would otherwise be a line
 * reading as the end-of-data marker; with two columns or more no line can be just that). Column
 * names in the header line follow the same rule. Each
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
      field(columns.get(i).name(), columns.size() == 1, out);
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
        field(decoder.codec(i).format(values[i]), values.length == 1, out);
      }
    }
    out.append('\n');
  }

  /**
   * A non-null value: quoted when it must be (an empty string always is, to tell it from NULL);
   * {@code singleColumn} when it is a row's only field, where {@code \.} alone must be quoted.
   */
  static void field(String s, boolean singleColumn, Appendable out) throws IOException {
    if (!needsQuotes(s, singleColumn)) {
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

  private static boolean needsQuotes(String s, boolean singleColumn) {
    if (s.isEmpty() || (singleColumn && s.equals("\\."))) {
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
