package dev.spillway.load;

import java.util.List;

/**
 * What a load did, for the final report (rendered by the command line) and {@code --json}.
 *
 * @param spillId                the spill's id
 * @param spillDirectory         the spill directory, absolute
 * @param schema                 the schema loaded into
 * @param onConflict             {@code error}, {@code skip} or {@code update}
 * @param segmentsLoaded         segments committed by this run
 * @param segmentsAlreadyLoaded  segments skipped because an earlier run had committed them
 * @param rows                   rows committed by this run
 * @param bytes                  bytes of the segments committed by this run
 * @param seconds                wall time of the whole run
 * @param tables                 per table, in load order
 */
public record LoadSummary(String spillId, String spillDirectory, String schema, String onConflict, long segmentsLoaded,
    long segmentsAlreadyLoaded, long rows, long bytes, double seconds, List<TableSummary> tables) {
  public LoadSummary {
    tables = List.copyOf(tables);
  }
}
