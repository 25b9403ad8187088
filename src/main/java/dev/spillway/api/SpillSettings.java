package dev.spillway.api;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;

/**
 * How a spill is written: what {@code spillway spill}'s options say, as an immutable value whose
 * fluent methods return a new one. Each value is checked when set, echoing a bad one.
 *
 * <pre>{@code SpillSettings.defaults().maxSegmentBytes(16 << 20).compression(SegmentCompression.ZSTD).maxRejects(0)}</pre>
 */
public final class SpillSettings {
  /** The default bound on a segment file's size: 64 MiB. */
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L << 20;

  /** bound on each sealed segment file's size, at least 1. */
  private final long maxSegmentBytes;
  /** segment compression. */
  private final SegmentCompression compression;
  /** rejected records allowed before the spill stops; {@link Long#MAX_VALUE} = unlimited. */
  private final long maxRejects;
  /** replace an existing spill directory. */
  private final boolean force;

  private SpillSettings(long maxSegmentBytes, SegmentCompression compression, long maxRejects, boolean force) {
    checkArgument(maxSegmentBytes >= 1, "maxSegmentBytes < 1: %s", maxSegmentBytes);
    checkArgument(maxRejects >= 0, "maxRejects < 0: %s", maxRejects);
    this.maxSegmentBytes = maxSegmentBytes;
    this.compression = Objects.requireNonNull(compression, "compression");
    this.maxRejects = maxRejects;
    this.force = force;
  }

  /** 64 MiB segments, uncompressed, unlimited rejects, an existing spill directory refused. */
  public static SpillSettings defaults() {
    return new SpillSettings(DEFAULT_MAX_SEGMENT_BYTES, SegmentCompression.NONE, Long.MAX_VALUE, false);
  }

  /** Bound on each segment file's size in bytes ({@code --segment-size}); at least 1. */
  public SpillSettings maxSegmentBytes(long bytes) {
    return new SpillSettings(bytes, compression, maxRejects, force);
  }

  /** Segment compression ({@code --compress}). */
  public SpillSettings compression(SegmentCompression newCompression) {
    return new SpillSettings(maxSegmentBytes, newCompression, maxRejects, force);
  }

  /**
   * Rejected records allowed ({@code --max-rejects}); the next one stops the spill with an exception
   * and leaves it unloadable. 0 makes any reject fatal; {@link Long#MAX_VALUE} never stops.
   */
  public SpillSettings maxRejects(long rejects) {
    return new SpillSettings(maxSegmentBytes, compression, rejects, force);
  }

  /** Replace an existing spill directory at the output path ({@code --force}). */
  public SpillSettings force(boolean replace) {
    return new SpillSettings(maxSegmentBytes, compression, maxRejects, replace);
  }

  /** The {@code maxSegmentBytes} set by {@link #maxSegmentBytes}, or its default. */
  public long maxSegmentBytes() {
    return maxSegmentBytes;
  }

  /** The {@code compression} set by {@link #compression}, or its default. */
  public SegmentCompression compression() {
    return compression;
  }

  /** The {@code maxRejects} set by {@link #maxRejects}, or its default. */
  public long maxRejects() {
    return maxRejects;
  }

  /** The {@code force} set by {@link #force}, or its default. */
  public boolean force() {
    return force;
  }

  @Override
  /** The {@code toString} set by {@link #toString}, or its default. */
  public String toString() {
    return "SpillSettings[maxSegmentBytes=" + maxSegmentBytes + ", compression=" + compression + ", maxRejects="
        + (maxRejects == Long.MAX_VALUE ? "unlimited" : maxRejects) + ", force=" + force + "]";
  }
}
