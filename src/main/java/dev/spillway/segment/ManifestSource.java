package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * An input file stage one read, with its counters (see {@link RowCounters}).
 *
 * @param file the path as the plan resolved it (informational: never opened by readers of the spill)
 */
public record ManifestSource(String file, RowCounters counters) {
  public ManifestSource {
    Names.checkName("source file", file);
    checkArgument(counters != null, "source %s has no counters", file);
  }
}
