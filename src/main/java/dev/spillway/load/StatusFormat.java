package dev.spillway.load;

import dev.spillway.segment.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link StatusReport}:
 * <pre>
 * spill 3f1d... (complete) in /data/spill -> schema "debian": 12/15 segments loaded
 * table       segments  rows           MB         pending
 * maintainer  2/2       1234/1234      0.1/0.1    0
 * package     10/13     98000/127400   3.0/3.9    2
 * pending on "debian"."package" (built after its data): key "package_pkey", foreign key "package_maintainer_id_fkey"
 * problem: ...   (one line per entry of {@link StatusReport#problems}, when any)
 * </pre>
 * or indented JSON of the record.
 */
public final class StatusFormat {
  private StatusFormat() {}

  public static String text(StatusReport r) {
    long loaded = r.tables().stream().mapToLong(TableStatus::segmentsLoaded).sum();
    long total = r.tables().stream().mapToLong(TableStatus::segmentsTotal).sum();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "spill %s (%s) in %s -> schema \"%s\": %d/%d segments "
        + "loaded%s%n", Printable.escape(r.spillId()), r.state(), Printable.escape(r.spillDirectory()),
        Printable.escape(r.schema()), loaded, total,
        r.controlTables() ? "" : " (no control tables in schema \"" + r.controlSchema() + "\": nothing loaded yet)"));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"table", "segments", "rows", "MB", "pending"});
    for (TableStatus t : r.tables()) {
      rows.add(new String[] {t.table(), t.segmentsLoaded() + "/" + t.segmentsTotal(), t.rowsLoaded() + "/" + t.rowsTotal(),
          String.format(Locale.ROOT, "%.1f/%.1f", t.bytesLoaded() / 1048576.0, t.bytesTotal() / 1048576.0),
          Integer.toString(t.deferredPending())});
    }
    out.append(TextTable.render(rows));
    for (TableStatus t : r.tables()) {
      if (!t.pending().isEmpty()) {
        out.append("pending on ").append(t.target()).append(" (built after its data): ")
            .append(String.join(", ", t.pending())).append(System.lineSeparator());
      }
    }
    for (String problem : r.problems()) {
      out.append("problem: ").append(Printable.escape(problem)).append(System.lineSeparator());
    }
    return out.toString();
  }

  public static String json(StatusReport r) {
    return TextTable.json(r);
  }
}
