package dev.spillway.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished spill: its directory, now complete and loadable ({@link Spillway#load}), and its
 * counters.
 *
 * @param directory   the spill directory, absolute
 * @param spillId     the spill's id (the load's progress rows name it)
 * @param rejectCount records in rejects.csv
 * @param tables      counters per table, in load order (parents first)
 * @param sources     counters per input (file, or source fed from code by its name), in reading order
 * @param warnings    warnings the spill gave (an empty input file, ...), in order; the library never prints them
 */
public record SpillResult(Path directory, String spillId, long rejectCount, Map<String, RowCounts> tables,
    Map<String, RowCounts> sources, List<String> warnings) {
  /** Copies the maps and the list, keeping their order. */
  public SpillResult {
    tables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tables));
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    warnings = List.copyOf(warnings);
  }

  /** The counters of {@code table}; IllegalArgumentException naming the tables when there is none. */
  public RowCounts table(String table) {
    RowCounts counts = tables.get(table);
    if (counts == null) {
      throw new IllegalArgumentException("no table " + table + " in the spill; tables: " + tables.keySet());
    }
    return counts;
  }
}
