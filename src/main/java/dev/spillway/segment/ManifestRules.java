package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest's cross-member rules, checked by {@link Manifest}'s constructor so no invalid
 * manifest can exist. Each failure is an IllegalArgumentException naming the member path and,
 * where a count or name is off, "expected X, found Y".
 */
final class ManifestRules {
  private ManifestRules() {}

  static void check(SpillState state, Instant createdAt, Instant completedAt, List<ManifestTable> tables,
      List<SealedSegment> segments) {
    Map<String, Integer> ordinals = tableOrdinals(tables);
    checkReferences(tables, ordinals);
    Map<String, Long> rowsByTable = checkSegments(segments, ordinals);
    if (state == SpillState.OPEN) {
      checkArgument(completedAt == null, "state is open but completedAt is set: %s", completedAt);
      return;
    }
    checkArgument(completedAt != null, "state is complete but completedAt is missing");
    checkArgument(!completedAt.isBefore(createdAt), "completedAt %s is before createdAt %s", completedAt, createdAt);
    for (int i = 0; i < tables.size(); i++) {
      ManifestTable t = tables.get(i);
      long rows = rowsByTable.getOrDefault(t.name(), 0L);
      checkArgument(t.counters().written() == rows, "tables[%s].counters.written of table %s: expected %s (the rows of its "
          + "segments), found %s", i, t.name(), rows, t.counters().written());
      RowCounters c = t.counters();
      long accounted = c.written() + c.duplicates() + c.skipped() + c.rejected();
      checkArgument(c.read() == accounted, "tables[%s].counters of table %s: read is %s but written + duplicates + "
          + "skipped + rejected is %s (every row read ends in exactly one of them)", i, t.name(), c.read(), accounted);
    }
  }

  private static Map<String, Integer> tableOrdinals(List<ManifestTable> tables) {
    checkArgument(!tables.isEmpty() && tables.size() <= SegmentFileName.MAX_TABLE_ORDINAL,
        "tables: expected 1 to %s tables, found %s", SegmentFileName.MAX_TABLE_ORDINAL, tables.size());
    Map<String, Integer> ordinals = new HashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      Integer earlier = ordinals.putIfAbsent(tables.get(i).name(), i + 1);
      checkArgument(earlier == null, "tables[%s]: table %s is listed twice (also tables[%s])", i, tables.get(i).name(),
          earlier == null ? -1 : earlier - 1);
    }
    return ordinals;
  }

  private static void checkReferences(List<ManifestTable> tables, Map<String, Integer> ordinals) {
    for (int i = 0; i < tables.size(); i++) {
      for (Map.Entry<String, String> ref : tables.get(i).references().entrySet()) {
        checkArgument(ordinals.containsKey(ref.getValue()), "tables[%s].references.%s: table %s is not in tables", i,
            ref.getKey(), ref.getValue());
      }
    }
  }

  /** Returns rows per table. */
  private static Map<String, Long> checkSegments(List<SealedSegment> segments, Map<String, Integer> ordinals) {
    Map<String, Long> lastSequence = new HashMap<>();
    Map<String, Long> rows = new HashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      SealedSegment s = segments.get(i);
      Integer ordinal = ordinals.get(s.table());
      checkArgument(ordinal != null, "segments[%s].table: table %s is not in tables", i, s.table());
      long expectedSequence = lastSequence.getOrDefault(s.table(), 0L) + 1;
      checkArgument(s.sequence() >= expectedSequence, "segments[%s]: duplicate sequence %s of table %s", i, s.sequence(), s.table());
      checkArgument(s.sequence() == expectedSequence, "segments[%s].sequence of table %s: expected %s, found %s",
          i, s.table(), expectedSequence, s.sequence());
      try {
        SegmentFileName.parseRelativePath(s.file());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("segments[" + i + "].file: " + e.getMessage(), e);
      }
      String expectedFile = new SegmentFileName(ordinal, s.sequence()).relativePath(s.compression());
      checkArgument(s.file().equals(expectedFile), "segments[%s].file of table %s sequence %s: expected %s, found %s",
          i, s.table(), s.sequence(), expectedFile, s.file());
      lastSequence.put(s.table(), s.sequence());
      rows.merge(s.table(), s.rows(), Long::sum);
    }
    return rows;
  }
}
