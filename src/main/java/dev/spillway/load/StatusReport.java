package dev.spillway.load;

import java.util.List;

/**
 * {@code spillway status}: how far a spill directory is loaded into a schema.
 *
 * @param spillId          the spill's id
 * @param spillDirectory   the directory, absolute
 * @param state            the manifest's state: {@code open} or {@code complete}
 * @param schema           the schema looked at
 * @param controlSchema    where progress is recorded
 * @param controlTables    false when the control tables do not exist (nothing was ever loaded there)
 * @param tables           per table, in load order
 */
public record StatusReport(String spillId, String spillDirectory, String state, String schema, String controlSchema,
    boolean controlTables, List<TableStatus> tables) {
  public StatusReport {
    tables = List.copyOf(tables);
  }

  /** Every segment loaded and nothing left to restore. */
  public boolean loaded() {
    return tables.stream().allMatch(TableStatus::complete);
  }
}
