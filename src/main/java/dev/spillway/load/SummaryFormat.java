package dev.spillway.load;

import dev.spillway.segment.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link LoadSummary}. Text, one row per table:
 * <pre>
 * spill 3f1d... -> schema "debian": 12 segments loaded, 3 already loaded (skipped), 1.24 s
 * table       segments  rows    MB    seconds  rows/s
 * maintainer  2         1234    0.1   0.02     61700
 * package     10        98000   3.0   1.20     81666
 * </pre>
 * With {@code --on-conflict skip|update} three more columns: inserted, updated, skipped. JSON:
 * the record's components as members, indented.
 */
public final class SummaryFormat {
  private SummaryFormat() {}

  public static String text(LoadSummary s) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "spill %s -> schema \"%s\": %d segments loaded, %d already loaded (skipped), "
        + "%d rows, %.2f s%n", Printable.escape(s.spillId()), Printable.escape(s.schema()), s.segmentsLoaded(), s.segmentsAlreadyLoaded(), s.rows(), s.seconds()));
    boolean merge = !s.onConflict().equals(ConflictMode.ERROR.optionValue());
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("table", "segments", "rows", "MB", "seconds", "rows/s"));
    if (merge) {
      header.addAll(List.of("inserted", "updated", "skipped"));
    }
    rows.add(header.toArray(String[]::new));
    for (TableSummary t : s.tables()) {
      List<String> cells = new ArrayList<>(List.of(t.table(),
          t.segmentsLoaded() + (t.segmentsAlreadyLoaded() > 0 ? " (+" + t.segmentsAlreadyLoaded() + " before)" : ""),
          Long.toString(t.rows()), String.format(Locale.ROOT, "%.1f", t.bytes() / 1024.0 / 1024.0),
          String.format(Locale.ROOT, "%.2f", t.seconds()), String.format(Locale.ROOT, "%.0f", t.rowsPerSecond())));
      if (merge) {
        cells.addAll(List.of(Long.toString(t.rowsInserted()), Long.toString(t.rowsUpdated()), Long.toString(t.rowsSkipped())));
      }
      rows.add(cells.toArray(String[]::new));
    }
    return out.append(TextTable.render(rows)).toString();
  }

  public static String json(LoadSummary s) {
    return TextTable.json(s);
  }
}
