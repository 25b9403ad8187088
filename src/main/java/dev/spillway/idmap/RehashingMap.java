package dev.spillway.idmap;

import dev.spillway.idmap.MapCheckpoint.Kind;
import dev.spillway.idmap.MapCheckpoint.State;
import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapAbsentEntry;
import net.openhft.chronicle.map.MapEntry;

/**
 * One table's encoded natural key -> long map, off-heap in a persisted Chronicle Map, growing past
 * any size estimate by <b>rehashing into a new generation</b>.
 *
 * <p>Growth design. Chronicle Map sizes its segments from {@code entries(n)} when the file is
 * created; beyond that it can only chain extra segment tiers, at most
 * {@code maxBloatFactor x segments} of them, and every chained tier adds a probe to each lookup.
 * Three ways to outgrow the estimate were weighed (measured with estimate 10,000 and 16-byte keys):
 * <ul>
 *   <li>{@code maxBloatFactor} alone: with 1M keys (factor 120) lookups were 5.5x slower than in a
 *       right-sized map (2x at 30x growth), and the factor caps growth at 1000x, Chronicle advising
 *       against more than 10;
 *   <li>a chain of frozen maps probed newest to oldest: every new key (the common case when
 *       assigning) misses in each generation, so a miss costs one probe per generation, unless an
 *       on-heap Bloom filter per generation, whose size grows with the key count, vouches for it;
 *   <li>rehash: when the live file is full, create one with {@value #GROWTH_FACTOR}x the capacity,
 *       copy every entry into it as Chronicle's serialized bytes (nothing materialised on the
 *       heap), switch, delete the old file. Lookups always probe one right-sized map (1M keys: 5.5x
 *       faster than the bloated map); the copies cost at most one extra insert per key, amortised,
 *       and one pause per generation (5M keys from an estimate of 1,000: about 25% slower in total
 *       than a right-sized map).
 * </ul>
 * Rehash is used. The factor is 2, not 4, because Chronicle preallocates the whole file (an empty
 * 16M-entry map takes 822 MB of disk), so the factor bounds the disk overshoot; growing needs the
 * old and the new file at once, 3x the old one's size.
 *
 * <p>A generation is grown before an insert when either its entry count reaches
 * {@code capacityEntries} or half of its extra-tier pool is used
 * ({@code maxBloatFactor(}{@value #MAX_BLOAT_FACTOR}{@code )} gives {@code 2 x segments} extra
 * tiers, an insert takes at most one); the second condition catches keys longer than the average
 * the file was sized for, and the next generation is sized with the larger of the configured and
 * the observed average key length. So no insert ever meets Chronicle's tier limit, whatever the
 * estimate. The pool is not asked on every insert: a look that finds {@code r} tiers left against a
 * threshold of {@code t} puts the next look {@code r - t} inserts later, which is exact because an
 * insert takes at most one tier. Capacity never drops below {@value #MIN_CAPACITY_ENTRIES} entries, which keeps a
 * segment tier larger than {@link NaturalKey#MAX_ENCODED_BYTES}.
 *
 * <p>On-heap tier. A map created with room in its {@link HeapBudget} starts with every key on the
 * heap ({@link HeapKeys}) and no data file: a small dimension table never pays Chronicle Map's
 * per-operation cost (query context, segment lock, key marshalling, xxHash; 55-60% of stage one in
 * a profile). When the budget refuses the tier room to grow, every entry moves into a new data file
 * sized for {@value #GROWTH_FACTOR}x the keys held (or the estimate, when larger), and the map goes
 * on there; when the map closes still on the heap, its entries are written in one sequential pass
 * ({@link HeapSnapshot}, no Chronicle Map insert at all), and become a Chronicle Map generation only
 * if the map is reopened. The tier changes where keys are kept, never which value a key gets, so the
 * ids are the same either way.
 *
 * <p>Files and crash policy: see {@link MapFiles} and {@link MapCheckpoint}. Opening writes the
 * checkpoint as OPEN; {@link #close()} fsyncs the data file, then writes it as CLOSED. A map whose
 * checkpoint says OPEN was left by a crashed or still running process and is refused with
 * {@link IdMapCorruptException}, as is any disagreement between checkpoint and data files: ids the
 * crashed run handed out may already be in segments, so a guessed repair would be worse than a
 * clean restart of stage one.
 *
 * <p>Not thread-safe: one owner thread. Values are opaque longs; {@link IdMap#ABSENT} is reserved.
 */
final class RehashingMap implements AutoCloseable {
  static final int GROWTH_FACTOR = 2;
  static final double MAX_BLOAT_FACTOR = 2.0;
  static final long MIN_CAPACITY_ENTRIES = 4096;
  static final int MIN_AVERAGE_KEY_BYTES = 4;

  private final MapFiles files;
  private final Kind kind;
  /** Key bytes copied here so one wrapper serves every NaturalKey instance without allocation. */
  private final byte[] keyScratch = new byte[NaturalKey.MAX_ENCODED_BYTES];
  /**
   * Chronicle's view of keyScratch, made by the first {@link #copyKey}: a map that stays on the
   * heap never loads Chronicle's classes (their static set-up took about 0.4 s of a short run).
   */
  private BytesStore<?, byte[]> keyScratchStore;

  /** The live generation; the only data file of this table while open; null while {@link #heap} holds the keys. */
  private ChronicleMap<byte[], Long> map;
  /** Every key while the map is on the heap; null once they moved into {@link #map} (or never were there). */
  private HeapKeys heap;
  /** Generation number of {@link #map}, >= 1. */
  private int generation;
  /** entries() the live file was created with; growth happens before entryCount exceeds it. */
  private long capacityEntries;
  /** averageKeySize() the live file was created with. */
  private int averageKeyBytes;
  /** Keys in the map; Chronicle's own count is checked against it on open and close. */
  private long entryCount;
  /** Sum of the encoded key lengths, for sizing the next generation. */
  private long keyBytesTotal;
  /** Owned by IdMap: the next id to assign; persisted in the checkpoint. */
  private long nextId;
  /** Owned by IdMap: the first id assign() handed out, 0 while none. */
  private long firstAssignedId;
  /**
   * The entry count at which the tier pool is looked at next: until then it cannot run low, since
   * the last look found {@code remaining - threshold} spare tiers and an insert takes at most one.
   */
  private long tierCheckAtEntries;
  /** How often the tier pool was looked at (tests: it must not be every insert). */
  private long tierChecks;
  private boolean closed;

  private RehashingMap(MapFiles files, Kind kind, MapCheckpoint checkpoint) {
    this.files = files;
    this.kind = kind;
    this.generation = checkpoint.generation();
    this.capacityEntries = checkpoint.capacityEntries();
    this.averageKeyBytes = checkpoint.averageKeyBytes();
    this.entryCount = checkpoint.entryCount();
    this.keyBytesTotal = checkpoint.keyBytesTotal();
    this.nextId = checkpoint.nextId();
    this.firstAssignedId = checkpoint.firstAssignedId();
  }

  /**
   * Opens the table's map in {@code files.directory()}, creating it sized for
   * {@code expectedEntries} keys of {@code averageKeyBytes} if it does not exist. The sizing
   * arguments are ignored when reopening: the files carry their own.
   */
  static RehashingMap open(MapFiles files, Kind kind, long expectedEntries, int averageKeyBytes) {
    return open(files, kind, expectedEntries, averageKeyBytes, HeapBudget.none());
  }

  /**
   * As {@link #open(MapFiles, Kind, long, int)}; a map created now starts on the heap within
   * {@code budget} (see the class comment). A reopened map lives in its file.
   */
  static RehashingMap open(MapFiles files, Kind kind, long expectedEntries, int averageKeyBytes, HeapBudget budget) {
    Path checkpointFile = files.checkpoint();
    try {
      if (!Files.exists(checkpointFile)) {
        TrustChecks.refuseLeftoverDataFiles(files, 0);
        long capacity = Math.max(expectedEntries, MIN_CAPACITY_ENTRIES);
        int keyBytes = Math.min(Math.max(averageKeyBytes, MIN_AVERAGE_KEY_BYTES), NaturalKey.MAX_ENCODED_BYTES);
        MapCheckpoint fresh = new MapCheckpoint(kind, State.OPEN, 1, capacity, keyBytes, 0, 0, 1, 0, files.table());
        RehashingMap store = new RehashingMap(files, kind, fresh);
        store.writeCheckpoint(State.OPEN);
        store.heap = HeapKeys.create(budget);
        if (store.heap == null) {
          store.map = store.createGeneration(1, capacity, keyBytes);
        }
        return store;
      }
      MapCheckpoint checkpoint = TrustChecks.readClosedCheckpoint(files, kind);
      TrustChecks.refuseLeftoverDataFiles(files, checkpoint.generation());
      RehashingMap store = new RehashingMap(files, kind, checkpoint);
      store.map = store.reopenGeneration();
      try {
        store.writeCheckpoint(State.OPEN);
      } catch (IOException e) {
        store.map.close();
        throw e;
      }
      return store;
    } catch (IdMapException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new IdMapException(files.table(), checkpointFile, "cannot open: " + describe(e), e);
    }
  }

  /** The value stored for the key, or {@link IdMap#ABSENT}. */
  long get(NaturalKey key) {
    checkOpen();
    if (heap != null) {
      return heap.get(key.array(), key.encodedLength());
    }
    int length = copyKey(key);
    try (ExternalMapQueryContext<byte[], Long, ?> c = map.queryContext(keyScratchStore, 0, length)) {
      MapEntry<byte[], Long> entry = c.entry();
      return entry == null ? IdMap.ABSENT : readLong(entry.value());
    } catch (RuntimeException e) {
      throw failure("lookup of key " + key + " failed", e);
    }
  }

  /** Inserts the key with {@code value} unless present; returns the present value, or {@link IdMap#ABSENT} if inserted. */
  long putIfAbsent(NaturalKey key, long value) {
    checkOpen();
    if (heap != null) {
      int length = key.encodedLength();
      long present = heap.putIfAbsent(key.array(), length, value);
      if (present != IdMap.ABSENT) {
        return present;
      }
      if (!heap.refused()) {
        entryCount++;
        keyBytesTotal += length;
        return IdMap.ABSENT;
      }
      moveToFile(Math.max(capacityEntries, Math.multiplyExact(entryCount, (long) GROWTH_FACTOR)));
    }
    if (entryCount >= capacityEntries || (entryCount >= tierCheckAtEntries && tiersRunLow())) {
      grow();
    }
    int length = copyKey(key);
    try (ExternalMapQueryContext<byte[], Long, ?> c = map.queryContext(keyScratchStore, 0, length)) {
      c.updateLock().lock();
      MapEntry<byte[], Long> entry = c.entry();
      if (entry != null) {
        return readLong(entry.value());
      }
      MapAbsentEntry<byte[], Long> absent = c.absentEntry();
      absent.doInsert(c.wrapValueAsData(value));
    } catch (RuntimeException e) {
      throw failure("insert of key " + key + " failed", e);
    } catch (InternalError e) { // SIGBUS on the mapped file: the file system could not back a page
      throw failure("insert of key " + key + " failed: " + NO_SPACE, e);
    }
    entryCount++;
    keyBytesTotal += length;
    return IdMap.ABSENT;
  }

  /** Sets the key's value, inserting the key if absent. */
  void put(NaturalKey key, long value) {
    if (putIfAbsent(key, value) == IdMap.ABSENT) {
      return; // inserted
    }
    if (heap != null) {
      heap.replace(key.array(), key.encodedLength(), value);
      return;
    }
    int length = copyKey(key);
    try (ExternalMapQueryContext<byte[], Long, ?> c = map.queryContext(keyScratchStore, 0, length)) {
      c.updateLock().lock();
      MapEntry<byte[], Long> entry = c.entry();
      if (entry == null) {
        throw new IllegalStateException("key " + key + " vanished from " + files.table() + "'s map between two probes");
      }
      entry.doReplaceValue(c.wrapValueAsData(value));
    } catch (RuntimeException e) {
      throw failure("update of key " + key + " failed", e);
    } catch (InternalError e) { // SIGBUS on the mapped file: the file system could not back a page
      throw failure("update of key " + key + " failed: " + NO_SPACE, e);
    }
  }

  /**
   * Whether half the extra-tier pool is used; otherwise schedules the next look for when it could
   * be. Chronicle's {@code remainingAutoResizes()} is not free, so it is not asked on every insert.
   */
  private boolean tiersRunLow() {
    tierChecks++;
    long remaining = map.remainingAutoResizes();
    long threshold = map.segments();
    if (remaining <= threshold) {
      return true;
    }
    tierCheckAtEntries = entryCount + (remaining - threshold);
    return false;
  }

  long tierChecks() {
    return tierChecks;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("closed: idmap of table \"" + files.table() + "\" (" + files.checkpoint() + ")");
    }
  }

  long entryCount() {
    return entryCount;
  }

  long nextId() {
    return nextId;
  }

  void nextId(long value) {
    nextId = value;
  }

  long firstAssignedId() {
    return firstAssignedId;
  }

  void firstAssignedId(long value) {
    firstAssignedId = value;
  }

  int generation() {
    return generation;
  }

  long capacityEntries() {
    return capacityEntries;
  }

  MapFiles files() {
    return files;
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the data file, fsyncs it and marks the checkpoint CLOSED. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (heap != null) {
      closeHeap();
      return;
    }
    Path dataFile = files.dataFile(generation);
    try {
      long chronicleCount = map.longSize();
      map.close();
      if (chronicleCount != entryCount) {
        throw new IdMapException(files.table(), dataFile,
            "entry count disagrees at close: expected " + entryCount + ", Chronicle Map holds " + chronicleCount);
      }
      OwnerOnlyFiles.fsync(dataFile);
      writeCheckpoint(State.CLOSED);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IdMapException idMapException) {
        throw idMapException;
      }
      throw new IdMapException(files.table(), dataFile, "close failed: " + describe(e), e);
    }
  }

  /**
   * Closes without persisting, for a working map whose files are deleted next ({@link IdMaps#discard}):
   * no snapshot, no fsync, no checkpoint; its heap goes back to the budget. Idempotent.
   */
  void discard() {
    if (closed) {
      return;
    }
    closed = true;
    if (heap != null) {
      heap.release();
      heap = null;
      return;
    }
    try {
      map.close();
    } catch (RuntimeException e) {
      throw new IdMapException(files.table(), files.dataFile(generation), "close failed: " + e, e);
    }
  }

  /** close() of a map still on the heap: its entries go to a {@link HeapSnapshot}, not into Chronicle Map. */
  private void closeHeap() {
    Path snapshot = files.snapshotFile(generation);
    try {
      HeapSnapshot.write(snapshot, heap);
      heap.release();
      heap = null;
      writeCheckpoint(State.CLOSED);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IdMapException idMapException) {
        throw idMapException;
      }
      throw new IdMapException(files.table(), snapshot, "close failed: " + describe(e), e);
    }
  }

  /**
   * Reopens a map that closed on the heap: its snapshot's entries go into a new Chronicle Map
   * generation sized for twice their number, which becomes live; the snapshot is deleted.
   */
  private ChronicleMap<byte[], Long> reopenSnapshot(Path snapshot) throws IOException {
    int next = generation + 1;
    long capacity = Math.max(MIN_CAPACITY_ENTRIES, Math.multiplyExact(entryCount, (long) GROWTH_FACTOR));
    ChronicleMap<byte[], Long> created = createGeneration(next, capacity, averageKeyBytes);
    try {
      long read = HeapSnapshot.read(snapshot, files.table(), (key, length, value) -> {
        try (ExternalMapQueryContext<byte[], Long, ?> c = created.queryContext(BytesStore.wrap(key), 0, length)) {
          c.updateLock().lock();
          if (c.entry() != null) {
            throw new IdMapCorruptException(files.table(), snapshot, "key " + NaturalKeyDecoder.describe(key, 0, length)
                + " appears twice");
          }
          c.absentEntry().doInsert(c.wrapValueAsData(value));
        }
      });
      if (read != entryCount) {
        throw new IdMapCorruptException(files.table(), snapshot,
            "entry count: expected " + entryCount + " (checkpoint), found " + read + " (snapshot)");
      }
    } catch (IOException | RuntimeException e) {
      created.close();
      deleteQuietlyAfterFailure(files.dataFile(next), e);
      throw e;
    }
    generation = next;
    capacityEntries = capacity;
    Files.delete(snapshot);
    return created;
  }

  /**
   * Moves every key of the heap tier into the data file of the current generation, created now for
   * {@code capacity} entries (at least {@value #MIN_CAPACITY_ENTRIES}) of the observed average key
   * size, and drops the tier.
   */
  private void moveToFile(long capacity) {
    long observedAverage = entryCount == 0 ? 0 : (keyBytesTotal + entryCount - 1) / entryCount;
    int keyBytes = (int) Math.min(Math.max(MIN_AVERAGE_KEY_BYTES, observedAverage), NaturalKey.MAX_ENCODED_BYTES);
    long entries = Math.max(capacity, MIN_CAPACITY_ENTRIES);
    Path file = files.dataFile(generation);
    ChronicleMap<byte[], Long> created;
    try {
      created = createGeneration(generation, entries, keyBytes);
    } catch (IOException e) {
      throw failure(file, "cannot create generation " + generation + ": " + IoErrors.describe(e), e);
    }
    try {
      heap.forEach(new HeapKeys.EntryConsumer() {
        private byte[] wrapped;
        private BytesStore<?, byte[]> store;

        @Override
        public void accept(byte[] arena, int keyOffset, int keyLength, long value) {
          if (arena != wrapped) {
            wrapped = arena;
            store = BytesStore.wrap(arena);
          }
          try (ExternalMapQueryContext<byte[], Long, ?> c = created.queryContext(store, keyOffset, keyLength)) {
            c.updateLock().lock();
            c.absentEntry().doInsert(c.wrapValueAsData(value));
          }
        }
      });
      if (created.longSize() != entryCount) {
        throw failure(file, "moving the heap tier copied " + created.longSize() + " entries, expected " + entryCount, null);
      }
    } catch (RuntimeException e) {
      created.close();
      deleteQuietlyAfterFailure(file, e);
      throw e instanceof IdMapException ? e : failure(file, "moving the heap tier into generation " + generation + " failed", e);
    } catch (InternalError e) { // SIGBUS on the mapped file: the file system could not back a page
      created.close();
      IdMapException failure = failure(file, "moving the heap tier into generation " + generation + " failed: " + NO_SPACE, e);
      deleteQuietlyAfterFailure(file, failure);
      throw failure;
    }
    heap.release();
    heap = null;
    map = created;
    capacityEntries = entries;
    averageKeyBytes = keyBytes;
    tierCheckAtEntries = entryCount;
    try {
      writeCheckpoint(State.OPEN);
    } catch (IOException e) {
      throw failure(files.checkpoint(), "cannot write the checkpoint: " + IoErrors.describe(e), e);
    }
  }

  /** Whether the keys are still on the heap. */
  boolean onHeap() {
    return heap != null;
  }

  /** Copies every entry into a generation {@value #GROWTH_FACTOR}x larger, then deletes the old one. */
  private void grow() {
    int nextGeneration = generation + 1;
    long nextCapacity = Math.multiplyExact(capacityEntries, (long) GROWTH_FACTOR);
    long observedAverage = entryCount == 0 ? 0 : (keyBytesTotal + entryCount - 1) / entryCount;
    int nextAverageKeyBytes = (int) Math.min(Math.max(averageKeyBytes, observedAverage), NaturalKey.MAX_ENCODED_BYTES);
    Path oldFile = files.dataFile(generation);
    Path newFile = files.dataFile(nextGeneration);
    ChronicleMap<byte[], Long> bigger;
    try {
      bigger = createGeneration(nextGeneration, nextCapacity, nextAverageKeyBytes);
    } catch (IOException e) {
      throw failure(newFile, "cannot create generation " + nextGeneration + ": " + IoErrors.describe(e), e);
    }
    try {
      map.forEachEntry(entry -> copy(entry, bigger));
      long copied = bigger.longSize();
      if (copied != entryCount) {
        throw failure(newFile, "rehash copied " + copied + " entries, expected " + entryCount, null);
      }
    } catch (RuntimeException e) {
      bigger.close();
      deleteQuietlyAfterFailure(newFile, e);
      throw e instanceof IdMapException ? e : failure(newFile, "rehash into generation " + nextGeneration + " failed", e);
    } catch (InternalError e) { // SIGBUS on the mapped file: the file system could not back a page
      bigger.close();
      IdMapException failure = failure(newFile, "rehash into generation " + nextGeneration + " failed: " + NO_SPACE, e);
      deleteQuietlyAfterFailure(newFile, failure);
      throw failure;
    }
    ChronicleMap<byte[], Long> old = map;
    map = bigger;
    generation = nextGeneration;
    capacityEntries = nextCapacity;
    averageKeyBytes = nextAverageKeyBytes;
    tierCheckAtEntries = entryCount;
    try {
      writeCheckpoint(State.OPEN);
      old.close();
      Files.delete(oldFile);
    } catch (IOException e) {
      throw failure(oldFile, "cannot retire generation " + (nextGeneration - 1) + ": " + IoErrors.describe(e), e);
    }
  }

  private static void copy(MapEntry<byte[], Long> entry, ChronicleMap<byte[], Long> target) {
    try (ExternalMapQueryContext<byte[], Long, ?> c = target.queryContext(entry.key())) {
      c.updateLock().lock();
      if (c.entry() != null) {
        throw new IllegalStateException("duplicate key during rehash: "
            + NaturalKeyDecoder.describe(entry.key().get(), 0, (int) entry.key().size()));
      }
      c.absentEntry().doInsert(entry.value());
    }
  }

  private ChronicleMap<byte[], Long> createGeneration(int number, long capacity, int keyBytes) throws IOException {
    Path file = files.dataFile(number);
    OwnerOnlyFiles.createEmptyFile(file);
    return builder(number, capacity, keyBytes).createPersistedTo(file.toFile());
  }

  /** An I/O failure in plain words ({@link IoErrors}); any other failure as it is, class name first: a bug's clue. */
  private static String describe(Exception e) {
    return e instanceof IOException io ? IoErrors.describe(io) : e.toString();
  }

  private ChronicleMap<byte[], Long> reopenGeneration() throws IOException {
    Path file = files.dataFile(generation);
    Path snapshot = files.snapshotFile(generation);
    if (!Files.isRegularFile(file) && Files.isRegularFile(snapshot)) {
      return reopenSnapshot(snapshot);
    }
    if (!Files.isRegularFile(file)) {
      throw new IdMapCorruptException(files.table(), file, "live data file of generation " + generation + " is missing");
    }
    ChronicleMap<byte[], Long> reopened;
    try {
      reopened = builder(generation, capacityEntries, averageKeyBytes).createPersistedTo(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new IdMapCorruptException(files.table(), file, "cannot reopen data file: " + describe(e), e);
    }
    long found = reopened.longSize();
    if (found != entryCount) {
      reopened.close();
      throw new IdMapCorruptException(files.table(), file,
          "entry count: expected " + entryCount + " (checkpoint), found " + found + " (data file)");
    }
    return reopened;
  }

  private net.openhft.chronicle.map.ChronicleMapBuilder<byte[], Long> builder(int number, long capacity, int keyBytes) {
    return ChronicleMap.of(byte[].class, Long.class)
        .name(files.stem() + "." + number)
        .entries(capacity)
        .averageKeySize(keyBytes)
        .constantValueSizeBySample(0L)
        .maxBloatFactor(MAX_BLOAT_FACTOR);
  }

  private void writeCheckpoint(State state) throws IOException {
    long checkpointNextId = kind == Kind.KEY_SET ? entryCount + 1 : nextId;
    MapCheckpoint checkpoint = new MapCheckpoint(kind, state, generation, capacityEntries, averageKeyBytes, entryCount,
        keyBytesTotal, checkpointNextId, firstAssignedId, files.table());
    OwnerOnlyFiles.replaceAtomically(files.checkpoint(), files.checkpointTemp(), checkpoint.encode());
  }

  private int copyKey(NaturalKey key) {
    int length = key.encodedLength();
    System.arraycopy(key.array(), 0, keyScratch, 0, length);
    if (keyScratchStore == null) {
      keyScratchStore = BytesStore.wrap(keyScratch);
    }
    return length;
  }

  /** What a fault writing a memory-mapped file almost always means. */
  static final String NO_SPACE = "writing the memory-mapped id map file failed (no space left on the device holding the"
      + " spill directory, or its quota exceeded)";

  private static long readLong(Data<Long> value) {
    return value.bytes().readLong(value.offset());
  }

  private IdMapException failure(String problem, Throwable cause) {
    return failure(files.dataFile(generation), problem, cause);
  }

  private IdMapException failure(Path file, String problem, Throwable cause) {
    return cause == null ? new IdMapException(files.table(), file, problem) : new IdMapException(files.table(), file, problem, cause);
  }

  private static void deleteQuietlyAfterFailure(Path file, Exception primary) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
