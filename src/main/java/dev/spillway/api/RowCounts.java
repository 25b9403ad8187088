package dev.spillway.api;

/**
 * Stage one's counters for one table or one source, as the spill's manifest holds them.
 * {@code read = written + duplicates + skipped + rejected}.
 *
 * @param read       rows (for a source: records) read
 * @param written    rows written to segments (for a source: records that wrote at least one row)
 * @param duplicates rows dropped as duplicates of an earlier key ({@code on_duplicate: first})
 * @param skipped    rows dropped by a rule ({@code missing: skip}, an empty for_each)
 * @param rejected   rows rejected (their record is in rejects.csv)
 */
public record RowCounts(long read, long written, long duplicates, long skipped, long rejected) {}
