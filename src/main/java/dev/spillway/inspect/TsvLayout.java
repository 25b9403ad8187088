package dev.spillway.inspect;

import dev.spillway.segment.SpillColumn;
import java.io.IOException;
import java.util.List;

/**
 * Rows as PostgreSQL's {@code COPY ... (FORMAT text)} reads them with its defaults: fields separated
 * by a tab, NULL as {@code \N}, and in values a backslash, tab, LF and CR written {@code \\},
 * {@code \t}, {@code \n} and {@code \r}; one row per {@code \n}-ended line.
 */
final class TsvLayout implements TextLayout {
  @Override
  public void header(List<SpillColumn> columns, Appendable out) throws IOException {
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.append('\t');
      }
      escaped(columns.get(i).name(), out);
    }
    out.append('\n');
  }

  @Override
  public void row(Object[] values, RowDecoder decoder, Appendable out) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      if (values[i] == null) {
        out.append("\\N");
      } else {
        escaped(decoder.codec(i).format(values[i]), out);
      }
    }
    out.append('\n');
  }

  static void escaped(String s, Appendable out) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }
}
