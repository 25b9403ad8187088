package dev.spillway.cli;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.RowCounters;
import dev.spillway.segment.SealedSegment;
import dev.spillway.spill.SpillResult;
import java.util.List;

/**
 * What {@code spillway spill} reports: the summary table as text, or this record as {@code --json}.
 * Fields (JSON members): {@code spillId}, {@code directory}, {@code segments}, {@code bytes},
 * {@code rejects}, {@code rejectsFile}, {@code tables[]} with {@code table}, {@code segments},
 * {@code bytes}, {@code read}, {@code written}, {@code duplicates}, {@code skipped}, {@code rejected}.
 *
 * @param spillId     the new spill's id
 * @param directory   the spill directory
 * @param segments    sealed segment files
 * @param bytes       their stored size
 * @param rejects     rejected source records (lines of rejects.csv)
 * @param rejectsFile the rejects file
 * @param tables      per table, in load order
 */
public record SpillReport(String spillId, String directory, long segments, long bytes, long rejects, String rejectsFile,
    List<Table> tables) {

  /** One table's counters ({@link RowCounters}) and output. */
  public record Table(String table, long segments, long bytes, long read, long written, long duplicates, long skipped,
      long rejected) {}

  public SpillReport {
    tables = List.copyOf(tables);
  }

  public static SpillReport of(SpillResult result) {
    Manifest m = result.manifest();
    List<Table> tables = m.tables().stream().map(t -> table(t, m.segments())).toList();
    return new SpillReport(m.spillId(), result.directory().root().toString(), m.segments().size(),
        m.segments().stream().mapToLong(SealedSegment::bytes).sum(), result.rejectCount(),
        result.directory().rejectsFile().toString(), tables);
  }

  private static Table table(ManifestTable t, List<SealedSegment> segments) {
    List<SealedSegment> own = segments.stream().filter(s -> s.table().equals(t.name())).toList();
    RowCounters c = t.counters();
    return new Table(t.name(), own.size(), own.stream().mapToLong(SealedSegment::bytes).sum(), c.read(), c.written(),
        c.duplicates(), c.skipped(), c.rejected());
  }

  /**
   * <pre>
   * spill 3f1d... in /data/spill: 3 segments, 1.2 KiB, 1 reject in /data/spill/rejects.csv
   * table       segments      size  read  written  duplicates  skipped  rejected
   * maintainer         1     512 B     3        2           1        0         0
   * package            2     712 B     3        2           0        0         1
   * total              3   1.2 KiB     6        4           1        0         1
   * </pre>
   */
  public String text() {
    StringBuilder out = new StringBuilder("spill " + dev.spillway.segment.Printable.escape(spillId) + " in "
        + dev.spillway.segment.Printable.escape(directory) + ": " + Units.count(segments) + " segments, "
        + Units.bytes(bytes) + ", " + Units.count(rejects) + (rejects == 1 ? " reject" : " rejects")
        + (rejects > 0 ? " in " + dev.spillway.segment.Printable.escape(rejectsFile) : "") + System.lineSeparator());
    ReportTable table = new ReportTable("table", "segments", "size", "read", "written", "duplicates", "skipped", "rejected");
    Table total = new Table("total", 0, 0, 0, 0, 0, 0, 0);
    for (Table t : tables) {
      cells(table, t);
      total = new Table("total", total.segments + t.segments, total.bytes + t.bytes, total.read + t.read,
          total.written + t.written, total.duplicates + t.duplicates, total.skipped + t.skipped, total.rejected + t.rejected);
    }
    cells(table, total);
    return out.append(table.render()).toString();
  }

  private static void cells(ReportTable table, Table t) {
    table.row(t.table, Units.count(t.segments), Units.bytes(t.bytes), Units.count(t.read), Units.count(t.written),
        Units.count(t.duplicates), Units.count(t.skipped), Units.count(t.rejected));
  }
}
