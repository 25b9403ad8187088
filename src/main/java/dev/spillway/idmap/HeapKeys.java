package dev.spillway.idmap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The on-heap tier of a {@link RehashingMap}: every key of the map and its value while the map is
 * small, in an open-addressing hash table of flat arrays, so a lookup or an insert costs a hash over
 * the key bytes and one array probe instead of a Chronicle Map query (context, lock, xxHash, key
 * marshalling). The map's keys live here <i>or</i> in the Chronicle Map file, never split: when the
 * {@link HeapBudget} refuses this tier room to grow, or when the map closes, the owner moves every
 * entry into the file ({@link #forEach}, in insertion order) and drops this tier.
 *
 * <p>Layout: entry {@code i} (0-based, in insertion order) has its key bytes at
 * {@code arena[keyEnds[i-1], keyEnds[i])} ({@code keyEnds[-1]} = 0) and its value at
 * {@code values[i]}; {@code slots} maps {@code hash & (slots.length - 1)} onward (linear probing) to
 * {@code hash << 32 | i + 1}, 0 marking an empty slot, and is at most half full, so a probe reads one
 * long and touches the key bytes only when the 32-bit hashes agree. Heap held: about
 * {@code 28 + key bytes} per entry, doubled at most while an array grows; every array byte is
 * reserved in the budget first. Not thread-safe.
 */
final class HeapKeys {
  static final int INITIAL_ENTRIES = 1024;
  static final int INITIAL_ARENA_BYTES = 32 * INITIAL_ENTRIES;

  private final HeapBudget budget;
  /** Per slot: the key's hash << 32 | entry index + 1, 0 when empty; length a power of two >= 2 x values.length. */
  private long[] slots;
  /** Per entry: its value. Its length is the entry capacity. */
  private long[] values;
  /** Per entry: the end (exclusive) of its key bytes in arena. */
  private int[] keyEnds;
  /** Key bytes, entry after entry; [0, arenaUsed) is in use. */
  private byte[] arena;
  /** Entries held; entries [0, count) are valid. */
  private int count;
  /** Bytes of arena in use. */
  private int arenaUsed;
  /** Whether the last putIfAbsent was refused room. */
  private boolean refused;
  /** Bytes of the arrays above, all reserved in budget. */
  private long reservedBytes;

  private HeapKeys(HeapBudget budget) {
    this.budget = budget;
  }

  /** A new empty tier, or null when the budget has no room for even its first arrays. */
  static HeapKeys create(HeapBudget budget) {
    long bytes = arrayBytes(2 * INITIAL_ENTRIES, INITIAL_ENTRIES, INITIAL_ARENA_BYTES);
    if (!budget.tryReserve(bytes)) {
      return null;
    }
    HeapKeys keys = new HeapKeys(budget);
    keys.reservedBytes = bytes;
    keys.slots = new long[2 * INITIAL_ENTRIES];
    keys.values = new long[INITIAL_ENTRIES];
    keys.keyEnds = new int[INITIAL_ENTRIES];
    keys.arena = new byte[INITIAL_ARENA_BYTES];
    return keys;
  }

  int size() {
    return count;
  }

  long reservedBytes() {
    return reservedBytes;
  }

  /** The value of the key {@code key[0, length)}, or {@link IdMap#ABSENT}. */
  long get(byte[] key, int length) {
    int hash = hash(key, length);
    int mask = slots.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long occupant = slots[slot];
      if (occupant == 0) {
        return IdMap.ABSENT;
      }
      int entry = (int) occupant - 1;
      if ((int) (occupant >>> 32) == hash && matches(entry, key, length)) {
        return values[entry];
      }
    }
  }

  /** Sets the value of the key {@code key[0, length)} if present; false (nothing changed) if absent. */
  boolean replace(byte[] key, int length, long value) {
    int hash = hash(key, length);
    int mask = slots.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long occupant = slots[slot];
      if (occupant == 0) {
        return false;
      }
      int entry = (int) occupant - 1;
      if ((int) (occupant >>> 32) == hash && matches(entry, key, length)) {
        values[entry] = value;
        return true;
      }
    }
  }

  /**
   * Makes room for one more entry with a key of {@code keyLength} bytes, growing the arrays within
   * the budget; false when the budget refuses (nothing changed then).
   */
  boolean makeRoom(int keyLength) {
    int entryCapacity = values.length;
    int newEntries = count < entryCapacity ? entryCapacity : 2 * entryCapacity;
    long needArena = (long) arenaUsed + keyLength;
    long newArena = arena.length;
    while (newArena < needArena) {
      newArena *= 2;
    }
    if (newEntries == entryCapacity && newArena == arena.length) {
      return true;
    }
    if (newArena > Integer.MAX_VALUE - 8 || newEntries > (1 << 29)) {
      return false;
    }
    long newBytes = arrayBytes(newEntries == entryCapacity ? slots.length : 2 * newEntries, newEntries, newArena);
    if (!budget.tryReserve(newBytes)) {
      return false;
    }
    if (newArena != arena.length) {
      arena = Arrays.copyOf(arena, (int) newArena);
    }
    if (newEntries != entryCapacity) {
      values = Arrays.copyOf(values, newEntries);
      keyEnds = Arrays.copyOf(keyEnds, newEntries);
      rebuildSlots(2 * newEntries);
    }
    budget.release(reservedBytes);
    reservedBytes = newBytes;
    return true;
  }

  /**
   * One probe for both answers: the value of the key {@code key[0, length)} if present (nothing
   * changes then); else inserts it with {@code value} and answers {@link IdMap#ABSENT}, or, when
   * {@link #makeRoom} is refused, answers {@link IdMap#ABSENT} with nothing changed and
   * {@link #refused()} true. The empty slot the probe ended on takes the new entry unless the slots
   * were rebuilt meanwhile.
   */
  long putIfAbsent(byte[] key, int length, long value) {
    refused = false;
    int hash = hash(key, length);
    int mask = slots.length - 1;
    int slot = hash & mask;
    for (long occupant; (occupant = slots[slot]) != 0; slot = (slot + 1) & mask) {
      int entry = (int) occupant - 1;
      if ((int) (occupant >>> 32) == hash && matches(entry, key, length)) {
        return values[entry];
      }
    }
    long[] probed = slots;
    if (!makeRoom(length)) {
      refused = true;
      return IdMap.ABSENT;
    }
    System.arraycopy(key, 0, arena, arenaUsed, length);
    arenaUsed += length;
    values[count] = value;
    keyEnds[count] = arenaUsed;
    if (slots == probed) {
      slots[slot] = (long) hash << 32 | (count + 1);
    } else {
      place(count, hash);
    }
    count++;
    return IdMap.ABSENT;
  }

  /** Whether the last {@link #putIfAbsent} was refused room by the budget (and inserted nothing). */
  boolean refused() {
    return refused;
  }

  /** Hears one entry. */
  interface EntryConsumer {
    void accept(byte[] arena, int keyOffset, int keyLength, long value);
  }

  /** Every entry in insertion order. */
  void forEach(EntryConsumer consumer) {
    for (int i = 0; i < count; i++) {
      int from = i == 0 ? 0 : keyEnds[i - 1];
      consumer.accept(arena, from, keyEnds[i] - from, values[i]);
    }
  }

  /** Drops the arrays and returns their bytes to the budget; the tier is unusable afterwards. */
  void release() {
    budget.release(reservedBytes);
    reservedBytes = 0;
    slots = null;
    values = null;
    keyEnds = null;
    arena = null;
  }

  private void rebuildSlots(int slotCount) {
    long[] old = slots;
    slots = new long[slotCount];
    for (long occupant : old) {
      if (occupant != 0) {
        place((int) occupant - 1, (int) (occupant >>> 32));
      }
    }
  }

  private void place(int entry, int hash) {
    int mask = slots.length - 1;
    int slot = hash & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = (long) hash << 32 | (entry + 1);
  }

  private boolean matches(int entry, byte[] key, int length) {
    int from = entry == 0 ? 0 : keyEnds[entry - 1];
    return keyEnds[entry] - from == length && KeyBytes.equalRanges(arena, from, key, 0, length);
  }

  private static long arrayBytes(long slotCount, long entries, long arenaBytes) {
    return 8 * slotCount + (8 + 4) * entries + arenaBytes;
  }

  /** Reads 4 key bytes as one little-endian int (the same value as assembling them one by one). */
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** 32-bit hash of the key bytes: a multiply-rotate over 4-byte little-endian words, then murmur3's finaliser. */
  static int hash(byte[] key, int length) {
    int h = length * 0x9E3779B9;
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      int word = (int) INT_LE.get(key, i);
      h = Integer.rotateLeft(h ^ word * 0xCC9E2D51, 15) * 0x1B873593;
    }
    for (; i < length; i++) {
      h = (h ^ (key[i] & 0xFF)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }
}
