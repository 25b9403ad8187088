package dev.spillway.load;

/**
 * What one run did to one table. {@code rowsInserted + rowsUpdated + rowsSkipped == rows}.
 *
 * @param table                  the table's name (as in the manifest)
 * @param target                 the loaded table, quoted ({@code "debian"."package"})
 * @param segmentsLoaded         segments this run committed
 * @param segmentsAlreadyLoaded  segments an earlier run had committed (skipped)
 * @param rows                   rows in the segments this run committed
 * @param bytes                  bytes of those segments
 * @param seconds                wall time from the table's first segment to its last commit in this run
 * @param rowsPerSecond          rows / seconds (0 when nothing was loaded)
 * @param rowsInserted           new rows
 * @param rowsUpdated            existing rows given the spill's values ({@code --on-conflict update})
 * @param rowsSkipped            rows whose key existed and were left alone ({@code skip}, or identical in {@code update})
 * @param deferredRestored       keys, indexes and foreign keys built after the data (deferred by
 *                               --defer-indexes, or left by --create-tables for after the data)
 */
public record TableSummary(String table, String target, long segmentsLoaded, long segmentsAlreadyLoaded, long rows,
    long bytes, double seconds, double rowsPerSecond, long rowsInserted, long rowsUpdated, long rowsSkipped,
    int deferredRestored) {}
