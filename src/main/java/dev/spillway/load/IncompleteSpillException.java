package dev.spillway.load;

import dev.spillway.segment.SpillFormatException;
import java.nio.file.Path;

/**
 * The spill directory's manifest says {@code open}: stage one is still writing it, or stopped
 * before finishing. Loaders must refuse it (spill-format.md, section 7). Exit code 4.
 */
public final class IncompleteSpillException extends SpillFormatException {
  public IncompleteSpillException(Path manifestFile, String spillId) {
    super(manifestFile, -1, "spill " + spillId + " is not complete (state open): stage one is still running or did not "
        + "finish; finish it with spillway spill (or spillway run) before loading");
  }
}
