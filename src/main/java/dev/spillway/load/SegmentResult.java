package dev.spillway.load;

/**
 * One committed segment. {@code inserted + updated + skipped == rows}; with {@code --on-conflict
 * error} every row is inserted.
 *
 * @param rows          rows in the segment (the server's COPY count, equal to the manifest's)
 * @param bytes         the segment file's size
 * @param inserted      rows that are new in the target
 * @param updated       rows that replaced an existing row's values ({@code --on-conflict update})
 * @param skipped       rows whose key existed already and were left alone (or were identical)
 * @param startedNanos  when verification started, on the loader's nano clock
 * @param finishedNanos when the commit returned, on the same clock
 */
record SegmentResult(long rows, long bytes, long inserted, long updated, long skipped, long startedNanos,
    long finishedNanos) {}
