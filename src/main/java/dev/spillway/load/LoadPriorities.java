package dev.spillway.load;

import dev.spillway.segment.SealedSegment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How urgent each of a load's tasks is, so that {@link LoadQueue} starts the longest chains of
 * work first (list scheduling by critical path, as a build tool orders its jobs): a task's
 * priority is its own estimated cost plus the longest chain of tasks that can only start after
 * it. Costs are estimated from the plan in bytes of the binary COPY stream (plain bytes), the
 * unit of a segment's COPY:
 * <ul>
 *   <li>a segment: its plain bytes;
 *   <li>a table's keys ({@link TableKeys}): its plain bytes per primary or unique key (an index
 *       build sorts the table once per key; measured on bench/run-vs-psql.sh's corpus, a key costs
 *       one to three times the table's COPY);
 *   <li>a table's finish ({@link TableFinish}): half its plain bytes per foreign key (validating
 *       one scans the table and probes the parent's key) and a quarter for ANALYZE.
 * </ul>
 * What follows a task: a segment's table's keys and, for a table whose foreign keys are checked
 * while it loads, the segments of the tables that wait for it; a table's keys its own finish and
 * the finish of every table that references it. Only an estimate: it orders tasks that are ready
 * anyway and never makes one ready ({@link LoadQueue} keeps every rule). Immutable.
 */
final class LoadPriorities {
  static final double KEY_COST_PER_BYTE = 1.0;
  static final double FOREIGN_KEY_COST_PER_BYTE = 0.5;
  static final double ANALYZE_COST_PER_BYTE = 0.25;

  /** Longest chain after one of the table's segments, its own cost excluded. */
  private final Map<String, Double> afterSegment = new HashMap<>();
  private final Map<String, Double> keys = new HashMap<>();
  private final Map<String, Double> finish = new HashMap<>();

  /**
   * @param plans             the load's tables
   * @param checkedDuringLoad true for a table whose foreign keys are checked while its segments
   *                          load (its segments wait for every parent's)
   */
  LoadPriorities(List<TablePlan> plans, Predicate<TablePlan> checkedDuringLoad) {
    for (TablePlan p : plans) {
      finish.put(p.name(), finishCost(p));
    }
    for (TablePlan p : plans) {
      double longestFinish = finish.get(p.name());
      for (TablePlan child : plans) {
        if (child != p && child.parents().contains(p.name())) {
          longestFinish = Math.max(longestFinish, finish.get(child.name()));
        }
      }
      keys.put(p.name(), keysCost(p) + longestFinish);
    }
    for (TablePlan p : plans) {
      afterSegment(p, plans, checkedDuringLoad, new HashSet<>());
    }
  }

  /** Priority of the table's start: that of its next segment. */
  double start(TablePlan table, SealedSegment next) {
    return segment(table, next);
  }

  double segment(TablePlan table, SealedSegment segment) {
    return segment.plainBytes() + afterSegment.get(table.name());
  }

  double keys(TablePlan table) {
    return keys.get(table.name());
  }

  double finish(TablePlan table) {
    return finish.get(table.name());
  }

  private double afterSegment(TablePlan p, List<TablePlan> plans, Predicate<TablePlan> checked, Set<String> visiting) {
    Double known = afterSegment.get(p.name());
    if (known != null) {
      return known;
    }
    if (!visiting.add(p.name())) {
      return 0; // a cycle: the queue refuses checked ones; the estimate just stops here
    }
    double longest = keys.get(p.name());
    for (TablePlan child : plans) {
      if (child != p && child.parents().contains(p.name()) && checked.test(child)) {
        longest = Math.max(longest, largestSegment(child) + afterSegment(child, plans, checked, visiting));
      }
    }
    visiting.remove(p.name());
    afterSegment.put(p.name(), longest);
    return longest;
  }

  private static long largestSegment(TablePlan t) {
    return t.segments().stream().mapToLong(SealedSegment::plainBytes).max().orElse(0);
  }

  private static double plainBytes(TablePlan t) {
    return t.segments().stream().mapToLong(SealedSegment::plainBytes).sum();
  }

  private static double keysCost(TablePlan t) {
    int keyCount = (t.table().idColumn() != null ? 1 : 0) + (t.table().keyColumns().isEmpty() ? 0 : 1);
    return plainBytes(t) * KEY_COST_PER_BYTE * keyCount;
  }

  private static double finishCost(TablePlan t) {
    return plainBytes(t) * (FOREIGN_KEY_COST_PER_BYTE * t.table().references().size() + ANALYZE_COST_PER_BYTE);
  }
}
