package dev.spillway.api;

/**
 * What one load did to one table. {@code rowsInserted + rowsUpdated + rowsSkipped == rows}.
 *
 * @param rows                  rows in the segments this load committed
 * @param segmentsLoaded        segments this load committed
 * @param segmentsAlreadyLoaded segments an earlier load had committed (skipped: the load resumes)
 * @param rowsInserted          new rows
 * @param rowsUpdated           existing rows given the spill's values ({@link ConflictMode#UPDATE})
 * @param rowsSkipped           rows whose key existed and were left alone
 */
public record TableLoad(long rows, long segmentsLoaded, long segmentsAlreadyLoaded, long rowsInserted, long rowsUpdated,
    long rowsSkipped) {}
