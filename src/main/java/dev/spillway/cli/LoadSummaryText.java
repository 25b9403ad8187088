package dev.spillway.cli;

import dev.spillway.load.ConflictMode;
import dev.spillway.load.LoadSummary;
import dev.spillway.load.TableSummary;
import dev.spillway.segment.Printable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LoadSummary} as text, laid out like the spill's table ({@link SpillReport#text}):
 * <pre>
 * load 3f1d... -> schema "debian": 12 segments loaded, 3 already loaded (skipped), 99,234 rows, 3.1 MiB, 1.24 s
 * table       segments     size    rows  seconds  rows/s
 * maintainer         2  0.1 MiB   1,234     0.02  61,700
 * package           10  3.0 MiB  98,000     1.20  81,666
 * </pre>
 * With {@code --on-conflict skip|update} three more columns: inserted, updated, skipped. Stateless.
 */
public final class LoadSummaryText {
  private LoadSummaryText() {}

  public static String render(LoadSummary s) {
    StringBuilder out = new StringBuilder("load " + Printable.escape(s.spillId()) + " -> schema \""
        + Printable.escape(s.schema()) + "\": " + Units.count(s.segmentsLoaded()) + " segments loaded, "
        + Units.count(s.segmentsAlreadyLoaded()) + " already loaded (skipped), " + Units.count(s.rows()) + " rows, "
        + Units.bytes(s.bytes()) + ", " + Units.seconds(s.seconds()) + System.lineSeparator());
    boolean merge = !s.onConflict().equals(ConflictMode.ERROR.optionValue());
    List<String> header = new ArrayList<>(List.of("table", "segments", "size", "rows", "seconds", "rows/s"));
    if (merge) {
      header.addAll(List.of("inserted", "updated", "skipped"));
    }
    ReportTable table = new ReportTable(header.toArray(String[]::new));
    for (TableSummary t : s.tables()) {
      List<String> cells = new ArrayList<>(List.of(t.table(),
          Units.count(t.segmentsLoaded()) + (t.segmentsAlreadyLoaded() > 0
              ? " (+" + Units.count(t.segmentsAlreadyLoaded()) + " before)" : ""),
          Units.bytes(t.bytes()), Units.count(t.rows()), String.format(java.util.Locale.ROOT, "%,.2f", t.seconds()),
          Units.count(Math.round(t.rowsPerSecond()))));
      if (merge) {
        cells.addAll(List.of(Units.count(t.rowsInserted()), Units.count(t.rowsUpdated()), Units.count(t.rowsSkipped())));
      }
      table.row(cells.toArray(String[]::new));
    }
    return out.append(table.render()).toString();
  }
}
