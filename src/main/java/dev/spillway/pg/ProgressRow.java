package dev.spillway.pg;

import java.time.Instant;

/**
 * A row of the progress table: a segment known to be committed.
 *
 * @param segment  what was loaded
 * @param loadedAt when its transaction started (the column defaults to {@code now()})
 */
public record ProgressRow(SegmentLoad segment, Instant loadedAt) {}
