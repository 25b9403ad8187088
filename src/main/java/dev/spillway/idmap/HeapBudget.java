package dev.spillway.idmap;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The heap bytes that the on-heap tiers ({@link HeapKeys}) of one spill run's maps may hold
 * together. A tier reserves bytes before it allocates and releases them when it moves its keys into
 * its Chronicle Map file; a tier whose reservation is refused moves there. So the heap the maps use
 * stays below {@link #maxBytes()} however many tables there are. Not thread-safe: one owner thread
 * (stage one's), like the maps.
 */
public final class HeapBudget {
  /** Default for a spill run: small dimension tables stay on the heap, {@code -Xmx128m} stays ample. */
  public static final long DEFAULT_MAX_BYTES = 24L << 20;

  /** Upper bound of {@link #usedBytes}. */
  private final long maxBytes;
  /** Bytes reserved by tiers and not yet released; 0 <= usedBytes <= maxBytes. */
  private long usedBytes;

  public HeapBudget(long maxBytes) {
    checkArgument(maxBytes >= 0, "maxBytes < 0: %s", maxBytes);
    this.maxBytes = maxBytes;
  }

  /** No on-heap tiers: every map lives in its Chronicle Map file from the first key. */
  public static HeapBudget none() {
    return new HeapBudget(0);
  }

  /** Reserves {@code bytes} if they fit; false (nothing reserved) if not. */
  boolean tryReserve(long bytes) {
    checkArgument(bytes >= 0, "bytes < 0: %s", bytes);
    if (bytes > maxBytes - usedBytes) {
      return false;
    }
    usedBytes += bytes;
    return true;
  }

  void release(long bytes) {
    checkArgument(bytes >= 0 && bytes <= usedBytes, "release of %s bytes, %s reserved", bytes, usedBytes);
    usedBytes -= bytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  public long usedBytes() {
    return usedBytes;
  }
}
