package dev.spillway.idmap;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * A bounded, direct-mapped cache of encoded key -> id in front of an {@link IdMap}: each key hashes
 * to one slot, and a new key simply replaces the slot's occupant. Memory is fixed at construction,
 * {@code slots x (maxKeyBytes + 16)} bytes in four flat arrays (1.1 MiB with the defaults, 8192 slots
 * of {@value #DEFAULT_MAX_KEY_BYTES} bytes), and nothing is allocated afterwards; keys longer than
 * {@code maxKeyBytes} encoded bytes are not cached. The default fits typical text keys such as
 * {@code Jane Roe <jane.roe@example.org>} or a package name with a version. Entries are never
 * invalidated, which is correct because an id map never changes or removes a key's id. Not
 * thread-safe.
 *
 * <p>Measured (1M keys, 3M lookups, same run, noisy shared machine): Zipf(1.0)-distributed lookups,
 * the shape of refs to popular dimension rows, took about 0.6x the uncached time with 8192 slots
 * and 0.5x with 65536; uniformly random lookups, where almost every probe misses, took 1.0-1.2x.
 */
final class FrontCache {
  static final int DEFAULT_MAX_KEY_BYTES = 128;

  /** Longest encoded key cached; also the stride of {@link #keyBytes}. */
  private final int maxKeyBytes;
  /** slots - 1; slots is a power of two. */
  private final int mask;
  /** Slot i's key bytes are keyBytes[i * maxKeyBytes, + keyLengths[i]). */
  private final byte[] keyBytes;
  /** Encoded key length per slot; -1 marks an empty slot. */
  private final int[] keyLengths;
  /** Spread hash of the key per slot, compared before the bytes. */
  private final int[] hashes;
  /** Id per slot; meaningful only where keyLengths[i] >= 0. */
  private final long[] ids;

  FrontCache(int slots, int maxKeyBytes) {
    checkArgument(slots > 0 && Integer.bitCount(slots) == 1 && slots <= 1 << 24,
        "slots must be a power of two in [1, 2^24]: %s", slots);
    checkArgument(maxKeyBytes >= 1 && maxKeyBytes <= NaturalKey.MAX_ENCODED_BYTES && (long) slots * maxKeyBytes <= 1 << 30,
        "maxKeyBytes outside [1, %s] or slots x maxKeyBytes above 1 GiB: %s", NaturalKey.MAX_ENCODED_BYTES, maxKeyBytes);
    this.maxKeyBytes = maxKeyBytes;
    this.mask = slots - 1;
    this.keyBytes = new byte[slots * maxKeyBytes];
    this.keyLengths = new int[slots];
    this.hashes = new int[slots];
    this.ids = new long[slots];
    Arrays.fill(keyLengths, -1);
  }

  FrontCache(int slots) {
    this(slots, DEFAULT_MAX_KEY_BYTES);
  }

  int maxKeyBytes() {
    return maxKeyBytes;
  }

  /** The cached id, or {@link IdMap#ABSENT}. */
  long get(NaturalKey key) {
    int length = key.encodedLength();
    if (length > maxKeyBytes) {
      return IdMap.ABSENT;
    }
    byte[] bytes = key.array();
    int hash = hash(bytes, length);
    int slot = hash & mask;
    int from = slot * maxKeyBytes;
    if (keyLengths[slot] == length && hashes[slot] == hash
        && Arrays.equals(keyBytes, from, from + length, bytes, 0, length)) {
      return ids[slot];
    }
    return IdMap.ABSENT;
  }

  void put(NaturalKey key, long id) {
    int length = key.encodedLength();
    if (length > maxKeyBytes) {
      return;
    }
    byte[] bytes = key.array();
    int hash = hash(bytes, length);
    int slot = hash & mask;
    System.arraycopy(bytes, 0, keyBytes, slot * maxKeyBytes, length);
    keyLengths[slot] = length;
    hashes[slot] = hash;
    ids[slot] = id;
  }

  private static int hash(byte[] bytes, int length) {
    int h = length;
    for (int i = 0; i < length; i++) {
      h = 31 * h + bytes[i];
    }
    h *= 0x9E3779B9; // spread low-entropy sums over the high bits, then fold them down
    return h ^ (h >>> 15);
  }
}
