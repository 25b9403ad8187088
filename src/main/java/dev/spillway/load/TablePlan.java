package dev.spillway.load;

import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.SegmentLoad;
import dev.spillway.segment.Crc32c;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillColumn;
import java.util.List;

/**
 * One table of a load: the manifest's table, where its rows go, its segments in sequence order and
 * the tables it references (which must be fully loaded before its first segment starts when its
 * foreign keys are checked during the load, see {@link LoadQueue}).
 *
 * @param table            the manifest's table (columns, id, key, references)
 * @param target           the table rows are copied into: target schema + manifest name
 * @param segments         the table's sealed segments, sequence 1, 2, 3, ...
 * @param parents          names of the other tables it references (listed earlier in the manifest unless in a cycle)
 * @param selfReferencing  a column references the table itself
 */
public record TablePlan(ManifestTable table, QualifiedName target, List<SealedSegment> segments, List<String> parents,
    boolean selfReferencing) {

  public TablePlan {
    segments = List.copyOf(segments);
    parents = List.copyOf(parents);
  }

  public String name() {
    return table.name();
  }

  public List<String> columnNames() {
    return table.columns().stream().map(SpillColumn::name).toList();
  }

  public long rows() {
    return segments.stream().mapToLong(SealedSegment::rows).sum();
  }

  public long bytes() {
    return segments.stream().mapToLong(SealedSegment::bytes).sum();
  }

  /** The progress row recording {@code segment} as loaded into {@link #target}. */
  public SegmentLoad progressRecord(String spillId, SealedSegment segment) {
    return new SegmentLoad(spillId, target.sql(), segment.sequence(),
        Integer.toUnsignedLong(Crc32c.parseHex(segment.crc32c())), segment.rows(), segment.bytes());
  }
}
