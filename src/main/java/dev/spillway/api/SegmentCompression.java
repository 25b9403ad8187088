package dev.spillway.api;

/**
 * How a spill's segment files are written: plain binary COPY streams ({@link #NONE}, loadable with
 * {@code psql \copy ... (format binary)} as they are) or zstd-compressed ({@link #ZSTD}). The load
 * reads either.
 */
public enum SegmentCompression {
  /** Plain {@code .pgcopy} segments (the default). */
  NONE,
  /** {@code .pgcopy.zst} segments: zstd frames, checksummed before and after compression. */
  ZSTD
}
