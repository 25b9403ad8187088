package dev.spillway.cli;

import dev.spillway.load.StatusReport;
import dev.spillway.load.TableStatus;
import dev.spillway.segment.Printable;

/**
 * A {@link StatusReport} as text:
 * <pre>
 * spill 3f1d... (complete) in /data/spill -> schema "debian": 12/15 segments loaded
 * table       segments           rows               size  pending
 * maintainer       2/2    1,234/1,234    12.0 KiB/12.0 KiB        0
 * package        10/13  98,000/127,400    3.0 MiB/3.9 MiB        2
 * pending on "debian"."package" (built after its data): key "package_pkey"
 * problem: ...
 * </pre>
 * Stateless.
 */
public final class StatusText {
  private StatusText() {}

  public static String render(StatusReport r) {
    long loaded = r.tables().stream().mapToLong(TableStatus::segmentsLoaded).sum();
    long total = r.tables().stream().mapToLong(TableStatus::segmentsTotal).sum();
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder("spill " + Printable.escape(r.spillId()) + " (" + r.state() + ") in "
        + Printable.escape(r.spillDirectory()) + " -> schema \"" + Printable.escape(r.schema()) + "\": "
        + Units.count(loaded) + "/" + Units.count(total) + " segments loaded"
        + (r.controlTables() ? "" : " (no control tables in schema \"" + Printable.escape(r.controlSchema())
            + "\": nothing loaded yet)") + nl);
    ReportTable table = new ReportTable("table", "segments", "rows", "size", "pending");
    for (TableStatus t : r.tables()) {
      table.row(t.table(), Units.count(t.segmentsLoaded()) + "/" + Units.count(t.segmentsTotal()),
          Units.count(t.rowsLoaded()) + "/" + Units.count(t.rowsTotal()),
          Units.bytes(t.bytesLoaded()) + "/" + Units.bytes(t.bytesTotal()), Units.count(t.deferredPending()));
    }
    out.append(table.render());
    for (TableStatus t : r.tables()) {
      if (!t.pending().isEmpty()) {
        out.append("pending on ").append(Printable.escape(t.target())).append(" (built after its data): ")
            .append(Printable.escape(String.join(", ", t.pending()))).append(nl);
      }
    }
    for (String problem : r.problems()) {
      out.append("problem: ").append(Printable.escape(problem)).append(nl);
    }
    return out.toString();
  }
}
