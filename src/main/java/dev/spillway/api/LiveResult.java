package dev.spillway.api;

import java.util.List;
import java.util.Map;

/**
 * What one {@link LiveWriter#flush()} did.
 *
 * @param records the records it handled (written, rejected or without rows)
 * @param tables  per plan table with rows in the flush, in load order: what happened to them
 * @param rejects the records not written, with why, in the order they were recorded
 */
public record LiveResult(long records, Map<String, TableCounts> tables, List<LiveReject> rejects) {
  public LiveResult {
    tables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tables));
    rejects = List.copyOf(rejects);
  }

  /**
   * One table's rows of a flush.
   *
   * @param inserted   rows new to the table (rows created by {@code missing: create} included)
   * @param updated    existing rows changed ({@code on_existing: update} and a value differs)
   * @param existing   rows whose key the table already had and that changed nothing
   *                   ({@code on_existing: skip}, or update with identical values)
   * @param duplicates rows whose key an earlier row of the same flush had ({@code on_duplicate: first})
   * @param skipped    rows a {@code missing: skip} ref dropped
   */
  public record TableCounts(long inserted, long updated, long existing, long duplicates, long skipped) {
    TableCounts plus(TableCounts o) {
      return new TableCounts(inserted + o.inserted, updated + o.updated, existing + o.existing,
          duplicates + o.duplicates, skipped + o.skipped);
    }
  }
}
