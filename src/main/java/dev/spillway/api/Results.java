package dev.spillway.api;

import dev.spillway.load.LoadSummary;
import dev.spillway.load.TableSummary;
import dev.spillway.segment.ManifestSource;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.RowCounters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the engines' results into this package's result records (no internal type leaks out). Stateless. */
final class Results {
  private Results() {}

  static SpillResult of(dev.spillway.spill.SpillResult result, List<String> warnings) {
    Map<String, RowCounts> tables = new LinkedHashMap<>();
    for (ManifestTable t : result.manifest().tables()) {
      tables.put(t.name(), counts(t.counters()));
    }
    Map<String, RowCounts> sources = new LinkedHashMap<>();
    for (ManifestSource s : result.manifest().sources()) {
      sources.put(s.file(), counts(s.counters()));
    }
    return new SpillResult(result.directory().root(), result.manifest().spillId(), result.rejectCount(), tables, sources,
        warnings);
  }

  static LoadResult of(LoadSummary summary) {
    Map<String, TableLoad> tables = new LinkedHashMap<>();
    for (TableSummary t : summary.tables()) {
      tables.put(t.table(), new TableLoad(t.rows(), t.segmentsLoaded(), t.segmentsAlreadyLoaded(), t.rowsInserted(),
          t.rowsUpdated(), t.rowsSkipped()));
    }
    return new LoadResult(summary.spillId(), summary.schema(), summary.rows(), summary.segmentsLoaded(),
        summary.segmentsAlreadyLoaded(), tables);
  }

  private static RowCounts counts(RowCounters c) {
    return new RowCounts(c.read(), c.written(), c.duplicates(), c.skipped(), c.rejected());
  }
}
