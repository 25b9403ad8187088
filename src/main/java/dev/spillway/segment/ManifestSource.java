package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * An input file stage one read, with its counters (see {@link RowCounters}).
 *
 * @param file        the path as the plan resolved it (informational: never opened by readers of the spill)
 * @param fingerprint what the file looked like when it was read ({@code spillway run} compares it
 *                    with the file now); null in manifests of earlier versions
 */
public record ManifestSource(String file, RowCounters counters, SourceFingerprint fingerprint) {
  /** A source without a fingerprint. */
  public ManifestSource(String file, RowCounters counters) {
    this(file, counters, null);
  }

  public ManifestSource {
    Names.checkName("source file", file);
    checkArgument(counters != null, "source %s has no counters", file);
  }
}
