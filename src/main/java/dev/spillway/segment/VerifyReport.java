package dev.spillway.segment;

import java.util.List;
import java.util.Optional;

/**
 * What {@link SpillVerifier} found in a spill directory.
 *
 * @param manifest         the manifest, when it could be read at all
 * @param segmentsChecked  segments the manifest lists (each was checked)
 * @param segmentsIntact   of those, the ones that passed every check
 * @param rows             rows of the intact segments
 * @param bytes            stored bytes of the intact segments
 * @param problems         every defect found, in the order: manifest, listed segments, directory contents
 */
public record VerifyReport(Optional<Manifest> manifest, int segmentsChecked, int segmentsIntact, long rows, long bytes,
    List<SpillProblem> problems) {
  public VerifyReport {
    problems = List.copyOf(problems);
  }

  /** True when nothing is wrong: the directory may be loaded. */
  public boolean clean() {
    return problems.isEmpty();
  }
}
