package dev.spillway.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a load did.
 *
 * @param spillId               the spill loaded
 * @param schema                the schema loaded into
 * @param rows                  rows committed by this load
 * @param segmentsLoaded        segments committed by this load
 * @param segmentsAlreadyLoaded segments skipped because an earlier load had committed them
 * @param tables                per table, in load order (parents first)
 */
public record LoadResult(String spillId, String schema, long rows, long segmentsLoaded, long segmentsAlreadyLoaded,
    Map<String, TableLoad> tables) {
  /** Copies {@code tables}, keeping its order. */
  public LoadResult {
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  /** What the load did to {@code table}; IllegalArgumentException naming the tables when the spill has none. */
  public TableLoad table(String table) {
    TableLoad load = tables.get(table);
    if (load == null) {
      throw new IllegalArgumentException("no table " + table + " in the spill; tables: " + tables.keySet());
    }
    return load;
  }
}
