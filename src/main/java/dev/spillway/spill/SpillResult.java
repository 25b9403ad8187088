package dev.spillway.spill;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.SpillDirectory;

/**
 * A finished stage one: the spill directory and its final manifest (state complete, counters per
 * table and per source file).
 *
 * @param directory   the spill directory
 * @param manifest    the manifest as written
 * @param rejectCount lines written to rejects.csv: one per rejected source record, however many of
 *                    its rows failed
 */
public record SpillResult(SpillDirectory directory, Manifest manifest, long rejectCount) {}
