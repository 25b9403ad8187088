package dev.spillway.load;

import dev.spillway.pg.ProgressRow;
import dev.spillway.pg.ProgressTable;
import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.SegmentLoad;
import dev.spillway.segment.SealedSegment;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The segments of a plan that earlier runs committed, read from the progress table: a progress
 * row exists exactly when its segment's rows do. Each recorded row is checked against the
 * manifest (same CRC32C, rows and bytes; no segment the manifest does not list), so a spill
 * directory that changed under its id is refused instead of resumed. Immutable.
 */
final class LoadedSegments {
  /** A segment's identity in the progress table. */
  private record Key(String tableName, long sequence) {}

  private final Set<Key> loaded;

  private LoadedSegments(Set<Key> loaded) {
    this.loaded = loaded;
  }

  /** No segment loaded (no control tables yet). */
  static LoadedSegments none() {
    return new LoadedSegments(Set.of());
  }

  static LoadedSegments read(Connection c, ProgressTable progress, QualifiedName progressTable, LoadPlan plan) {
    Map<Key, SegmentLoad> listed = new HashMap<>();
    for (TablePlan t : plan.tables()) {
      for (SealedSegment s : t.segments()) {
        SegmentLoad record = t.progressRecord(plan.spillId(), s);
        listed.put(new Key(record.tableName(), record.segmentSeq()), record);
      }
    }
    Set<String> targets = new HashSet<>();
    plan.tables().forEach(t -> targets.add(t.target().sql()));
    Set<Key> loaded = new HashSet<>();
    List<ProgressRow> rows = progress.list(c, plan.spillId());
    for (ProgressRow row : rows) {
      if (!targets.contains(row.segment().tableName())) {
        continue; // the same spill loaded into another schema
      }
      Key key = new Key(row.segment().tableName(), row.segment().segmentSeq());
      SegmentLoad expected = listed.get(key);
      if (!row.segment().equals(expected)) {
        throw new ProgressMismatchException(plan.dir().toString(), progressTable.sql(), row, expected);
      }
      loaded.add(key);
    }
    return new LoadedSegments(loaded);
  }

  boolean contains(TablePlan table, SealedSegment segment) {
    return loaded.contains(new Key(table.target().sql(), segment.sequence()));
  }

  /** The plan's segments not in this set, parents' tables first. */
  List<SealedSegment> pending(LoadPlan plan) {
    List<SealedSegment> out = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      t.segments().stream().filter(s -> !contains(t, s)).forEach(out::add);
    }
    return out;
  }

  int size() {
    return loaded.size();
  }
}
