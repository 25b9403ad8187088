package dev.spillway.spill;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.RowCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The final report of {@code spillway spill}: one line per table in load order with its counters,
 * a total line, then the segments and rejects:
 * <pre>
 * table        read  written  duplicates  skipped  rejected
 * maintainer      3        2           1        0         0
 * package         3        2           0        0         1
 * total           6        4           1        0         1
 * 3 segment(s), 1,204 bytes in /data/spill
 * 1 reject(s) in /data/spill/rejects.csv
 * </pre>
 * Stateless.
 */
public final class SummaryTable {
  private SummaryTable() {}

  private static final String[] HEADINGS = {"table", "read", "written", "duplicates", "skipped", "rejected"};

  public static String render(SpillResult result) {
    Manifest m = result.manifest();
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADINGS);
    RowCounters total = RowCounters.ZERO;
    for (ManifestTable t : m.tables()) {
      rows.add(cells(t.name(), t.counters()));
      total = total.plus(t.counters());
    }
    rows.add(cells("total", total));
    int[] widths = new int[HEADINGS.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i == 0) {
          s.append(row[i]).append(" ".repeat(widths[0] - row[i].length()));
        } else {
          s.append("  ").append(" ".repeat(widths[i] - row[i].length())).append(row[i]);
        }
      }
      s.append('\n');
    }
    long bytes = m.segments().stream().mapToLong(seg -> seg.bytes()).sum();
    s.append(String.format(Locale.ROOT, "%,d segment(s), %,d bytes in %s%n", m.segments().size(), bytes,
        result.directory().root()));
    s.append(String.format(Locale.ROOT, "%,d reject(s) in %s%n", result.rejectCount(), result.directory().rejectsFile()));
    return s.toString();
  }

  private static String[] cells(String name, RowCounters c) {
    return new String[] {name, number(c.read()), number(c.written()), number(c.duplicates()), number(c.skipped()),
        number(c.rejected())};
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
