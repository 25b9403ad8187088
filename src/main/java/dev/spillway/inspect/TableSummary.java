package dev.spillway.inspect;

import dev.spillway.segment.Compression;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.RowCounters;
import dev.spillway.segment.SealedSegment;
import java.util.List;
import java.util.Map;

/**
 * One table of a spill as {@code inspect} shows it: the manifest's description plus totals over its
 * segments.
 *
 * @param ordinal      1-based position in the manifest (the {@code TTTT} of its file names)
 * @param name         the table's name
 * @param columns      columns and types, in field order
 * @param idColumn     the surrogate id column, or null
 * @param keyColumns   the natural key
 * @param references   column -> referenced table
 * @param counters     where the table's rows went
 * @param segments     sealed segments
 * @param rows         rows in them
 * @param bytes        their stored size
 * @param plainBytes   the size of their binary COPY streams (equal to bytes when uncompressed)
 * @param compressions the compressions used, distinct, in {@link Compression} order
 */
public record TableSummary(int ordinal, String name, List<ColumnSummary> columns, String idColumn,
    List<String> keyColumns, Map<String, String> references, RowCounters counters, int segments, long rows, long bytes,
    long plainBytes, List<String> compressions) {

  static TableSummary of(int ordinal, ManifestTable table, List<SealedSegment> segments) {
    List<String> compressions = segments.stream().map(SealedSegment::compression).distinct().sorted()
        .map(Compression::jsonName).toList();
    return new TableSummary(ordinal, table.name(), ColumnSummary.of(table.columns()), table.idColumn(), table.keyColumns(),
        table.references(), table.counters(), segments.size(), segments.stream().mapToLong(SealedSegment::rows).sum(),
        segments.stream().mapToLong(SealedSegment::bytes).sum(), segments.stream().mapToLong(SealedSegment::plainBytes).sum(),
        compressions);
  }
}
