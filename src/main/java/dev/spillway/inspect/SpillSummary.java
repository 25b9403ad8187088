package dev.spillway.inspect;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestSource;
import dev.spillway.segment.SealedSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code spillway inspect DIR} reports, taken from the manifest alone (no segment is read;
 * {@code verify} does that): the spill's identity and state, its sources with their counters, and
 * per table its columns, key, segments, rows and bytes. Serialised as is for {@code --json}.
 *
 * @param spillId         the spill's id
 * @param state           {@code open} or {@code complete}
 * @param createdAt       ISO-8601 UTC instant
 * @param completedAt     ISO-8601 UTC instant, or null while open
 * @param spillwayVersion the version of spillway that wrote it
 * @param formatVersion   the manifest's format version
 * @param targetSchema    the schema its tables load into
 * @param sources         input files and their counters
 * @param tables          tables in load order
 * @param segments        sealed segments in all
 * @param rows            rows in all segments
 * @param bytes           stored bytes of all segments
 * @param plainBytes      binary COPY bytes of all segments
 */
public record SpillSummary(String spillId, String state, String createdAt, String completedAt, String spillwayVersion,
    int formatVersion, String targetSchema, List<ManifestSource> sources, List<TableSummary> tables, int segments,
    long rows, long bytes, long plainBytes) {

  public static SpillSummary of(Manifest m) {
    List<TableSummary> tables = new ArrayList<>();
    for (int i = 0; i < m.tables().size(); i++) {
      tables.add(TableSummary.of(i + 1, m.tables().get(i), m.segmentsOf(m.tables().get(i).name())));
    }
    List<SealedSegment> all = m.segments();
    return new SpillSummary(m.spillId(), m.state().jsonName(), m.createdAt().toString(),
        m.completedAt() == null ? null : m.completedAt().toString(), m.spillwayVersion(), m.formatVersion(),
        m.targetSchema(), m.sources(), tables, all.size(), all.stream().mapToLong(SealedSegment::rows).sum(),
        all.stream().mapToLong(SealedSegment::bytes).sum(), all.stream().mapToLong(SealedSegment::plainBytes).sum());
  }
}
