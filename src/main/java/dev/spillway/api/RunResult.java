package dev.spillway.api;

import java.util.Objects;

/**
 * What {@link RunWriter#finish} did.
 *
 * @param spill                      the spill's counters; its directory is the run's work directory
 * @param load                       what the load committed, the segments loaded while the program was
 *                                   still writing included
 * @param segmentsLoadedWhileWriting segments committed before {@link RunWriter#finish} sealed the spill
 */
public record RunResult(SpillResult spill, LoadResult load, long segmentsLoadedWhileWriting) {
  /** Checks that neither result is null. */
  public RunResult {
    Objects.requireNonNull(spill, "spill");
    Objects.requireNonNull(load, "load");
  }
}
