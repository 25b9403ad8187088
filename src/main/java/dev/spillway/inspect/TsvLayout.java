package dev.spillway.inspect;

import dev.spillway.segment.SpillColumn;
import java.io.IOException;
import java.util.List;

/**
 * Rows exactly as PostgreSQL 15's {@code COPY ... TO (FORMAT text)} writes them with its defaults
 * (spill-format.md, section 10): fields separated by a tab, NULL as {@code \N}, and in values (and
 * header names) a backslash written {@code \\} and backspace, form feed, LF, CR, tab and vertical
 * tab written {@code \b}, {@code \f}, {@code \n}, {@code \r}, {@code \t}, {@code \v} (CopyAttributeOutText;
 * other control characters stay as they are); one row per {@code \n}-ended line.
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
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case 0x0B -> out.append("\\v");
        default -> out.append(c);
      }
    }
  }
}
