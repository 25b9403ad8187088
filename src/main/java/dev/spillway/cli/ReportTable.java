package dev.spillway.cli;

import dev.spillway.segment.Printable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tables of every text report (spill, load, status): a header row, the first column (a name)
 * left-aligned, every other column right-aligned, two spaces between columns, trailing blanks
 * trimmed. Every cell is {@link Printable#escape}d: names come from spill files and the database.
 * Build with {@link #row}, render once.
 */
final class ReportTable {
  private final List<String[]> rows = new ArrayList<>();

  ReportTable(String... headings) {
    rows.add(headings.clone());
  }

  ReportTable row(String... cells) {
    if (cells.length != rows.get(0).length) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, the header " + rows.get(0).length);
    }
    rows.add(Arrays.stream(cells).map(Printable::escape).toArray(String[]::new));
    return this;
  }

  String render() {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String pad = " ".repeat(widths[i] - row[i].length());
        line.append(i == 0 ? row[i] + pad : "  " + pad + row[i]);
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return out.toString();
  }
}
