package dev.spillway.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an {@link EarlyLoad} loaded while stage one was writing, per table; merged into the final
 * load's {@link LoadSummary}, which found those segments already loaded, so that a pipelined run
 * reports them as its own. Immutable.
 */
public final class EarlyLoadSummary {
  /** What loaded early into one table; {@code copyNanos}: the time its segments' transactions took, summed. */
  record Counts(long segments, long rows, long bytes, long inserted, long updated, long skipped, long copyNanos) {
    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

    Counts plus(SegmentResult r) {
      return new Counts(segments + 1, rows + r.rows(), bytes + r.bytes(), inserted + r.inserted(),
          updated + r.updated(), skipped + r.skipped(), copyNanos + (r.finishedNanos() - r.startedNanos()));
    }
  }

  private final Map<String, Counts> tables;
  /** Per table: keys, indexes and foreign keys built early. */
  private final Map<String, Integer> restored;

  EarlyLoadSummary(Map<String, Counts> tables) {
    this(tables, Map.of());
  }

  EarlyLoadSummary(Map<String, Counts> tables, Map<String, Integer> restored) {
    this.tables = Map.copyOf(tables);
    this.restored = Map.copyOf(restored);
  }

  /** Nothing loaded early. */
  public static EarlyLoadSummary none() {
    return new EarlyLoadSummary(Map.of());
  }

  /** Tables whose keys were built while stage one was still writing. */
  public java.util.Set<String> tablesWithEarlyKeys() {
    return restored.keySet();
  }

  public long segments() {
    return tables.values().stream().mapToLong(Counts::segments).sum();
  }

  public long rows() {
    return tables.values().stream().mapToLong(Counts::rows).sum();
  }

  /**
   * The final load's summary with these segments counted as loaded by this run (the final load
   * found them already loaded), over {@code seconds} of wall time for the whole run.
   */
  public LoadSummary addTo(LoadSummary last, double seconds) {
    List<TableSummary> merged = new ArrayList<>();
    for (TableSummary t : last.tables()) {
      Counts c = tables.getOrDefault(t.table(), Counts.NONE);
      long rows = t.rows() + c.rows();
      double tableSeconds = t.seconds() + c.copyNanos() / 1e9; // time spent loading it, early or last
      merged.add(new TableSummary(t.table(), t.target(), t.segmentsLoaded() + c.segments(),
          t.segmentsAlreadyLoaded() - c.segments(), rows, t.bytes() + c.bytes(), tableSeconds,
          tableSeconds <= 0 ? 0 : rows / tableSeconds, t.rowsInserted() + c.inserted(),
          t.rowsUpdated() + c.updated(), t.rowsSkipped() + c.skipped(), t.deferredRestored() + restored.getOrDefault(t.table(), 0)));
    }
    return new LoadSummary(last.spillId(), last.spillDirectory(), last.schema(), last.onConflict(),
        last.segmentsLoaded() + segments(), last.segmentsAlreadyLoaded() - segments(), last.rows() + rows(),
        last.bytes() + tables.values().stream().mapToLong(Counts::bytes).sum(), seconds, merged);
  }
}
