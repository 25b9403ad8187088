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
 * @param problems         what would make {@code spillway load} refuse to resume, one line each: progress
 *                         rows that do not match the manifest (as {@link ProgressMismatchException}
 *                         says), progress on tables dropped or re-created since (as
 *                         {@link StaleProgressException} says); empty when none
 */
public record StatusReport(String spillId, String spillDirectory, String state, String schema, String controlSchema,
    boolean controlTables, List<TableStatus> tables, List<String> problems) {
  public StatusReport {
    tables = List.copyOf(tables);
    problems = List.copyOf(problems);
  }

  /** Every segment loaded, nothing left to restore, and nothing wrong with the progress recorded. */
  public boolean loaded() {
    return problems.isEmpty() && tables.stream().allMatch(TableStatus::complete);
  }
}
