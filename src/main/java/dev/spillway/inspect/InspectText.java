package dev.spillway.inspect;

import dev.spillway.segment.Printable;
import dev.spillway.segment.RowCounters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders summaries as the plain text {@code spillway inspect} prints (for people; {@code --json} is for scripts). */
public final class InspectText {
  private InspectText() {}

  public static String render(SpillSummary s) {
    StringBuilder out = new StringBuilder();
    line(out, "spill", s.spillId());
    line(out, "state", s.state());
    line(out, "created at", s.createdAt());
    line(out, "completed at", s.completedAt() == null ? "-" : s.completedAt());
    line(out, "written by", "spillway " + s.spillwayVersion() + ", manifest formatVersion " + s.formatVersion());
    line(out, "schema", s.targetSchema());
    line(out, "segments", s.segments() + ", " + s.rows() + " rows, " + bytes(s.bytes(), s.plainBytes()));
    out.append('\n').append(String.format(Locale.ROOT, "%-40s %12s %12s %12s %12s %12s%n", "source", "read", "written",
        "duplicates", "skipped", "rejected"));
    for (var source : s.sources()) {
      RowCounters c = source.counters();
      out.append(String.format(Locale.ROOT, "%-40s %12d %12d %12d %12d %12d%n", Printable.escape(source.file()), c.read(), c.written(),
          c.duplicates(), c.skipped(), c.rejected()));
    }
    for (TableSummary t : s.tables()) {
      out.append('\n').append("table ").append(t.ordinal()).append(": ").append(Printable.escape(t.name())).append('\n');
      line(out, "  columns", t.columns().stream().map(ColumnSummary::toString).collect(Collectors.joining(", ")));
      line(out, "  id column", t.idColumn() == null ? "-" : t.idColumn());
      line(out, "  key", t.keyColumns().isEmpty() ? "-" : String.join(", ", t.keyColumns()));
      line(out, "  references", references(t.references()));
      line(out, "  counters", counters(t.counters()));
      line(out, "  segments", t.segments() + (t.compressions().isEmpty() ? "" : " (" + String.join(", ", t.compressions())
          + ")") + ", " + t.rows() + " rows, " + bytes(t.bytes(), t.plainBytes()));
    }
    return out.toString();
  }

  public static String render(SegmentSummary s) {
    StringBuilder out = new StringBuilder();
    line(out, "file", s.file());
    line(out, "compression", s.compression());
    line(out, "spill", s.spillId());
    line(out, "table", s.table() + " (ordinal " + s.tableOrdinal() + ")");
    line(out, "sequence", String.valueOf(s.sequence()));
    line(out, "columns", s.columns().stream().map(ColumnSummary::toString).collect(Collectors.joining(", ")));
    line(out, "rows", s.rows() + " (scanned)");
    line(out, "bytes", bytes(s.bytes(), s.plainBytes()));
    line(out, "crc32c", s.crc32c() + (s.plainCrc32c().equals(s.crc32c()) ? "" : ", plain " + s.plainCrc32c()
        + " (equal to its trailer's)"));
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format(Locale.ROOT, "%-14s %s%n", label, Printable.escape(value)));
  }

  private static String bytes(long stored, long plain) {
    return stored == plain ? stored + " bytes" : stored + " bytes stored, " + plain + " bytes plain";
  }

  private static String counters(RowCounters c) {
    return "read " + c.read() + ", written " + c.written() + ", duplicates " + c.duplicates() + ", skipped " + c.skipped()
        + ", rejected " + c.rejected();
  }

  private static String references(Map<String, String> references) {
    if (references.isEmpty()) {
      return "-";
    }
    List<String> parts = references.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toList();
    return String.join(", ", parts);
  }
}
