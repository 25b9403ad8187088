package dev.spillway.idmap;

import static com.google.common.base.Preconditions.checkState;

import dev.spillway.idmap.MapCheckpoint.Kind;
import dev.spillway.idmap.MapCheckpoint.State;
import java.io.IOException;
import java.nio.file.DirectoryStream;
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
 * Three ways to outgrow the estimate were measured (estimate 10,000, 16-byte keys, same JVM):
 * <ul>
 *   <li>{@code maxBloatFactor(120)}, 1M keys: lookups 5.5x slower than a right-sized map, and the
 *       factor caps growth at 1000x with Chronicle advising against more than 10;
 *   <li>a chain of frozen maps probed newest to oldest: every new key (the common case when
 *       assigning) misses in each generation, so a miss costs one probe per generation, or an
 *       on-heap Bloom filter per generation whose size grows with the key count;
 *   <li>rehash: when the live file reaches its capacity, create a file with
 *       {@value #GROWTH_FACTOR}x the capacity, copy every entry into it off-heap (Chronicle's
 *       serialized key and value bytes, nothing materialised on the heap), switch, delete the old
 *       file. Lookups always probe one right-sized map (1M keys: 5.5x faster than the bloated map);
 *       the copying costs at most 1/({@value #GROWTH_FACTOR} - 1) extra inserts per key,
 *       amortised, and one pause per generation.
 * </ul>
 * Rehash is used. A generation is grown before an insert when either its entry count reaches
 * {@code capacityEntries} or half of its extra-tier pool is used
 * ({@code maxBloatFactor(}{@value #MAX_BLOAT_FACTOR}{@code )} gives {@code 2 x segments} extra
 * tiers; an insert takes at most one), the second condition catching keys longer than the
 * average the file was sized for. The next generation is sized with the larger of the configured
 * and the observed average key length. So no insert ever meets Chronicle's tier limit, whatever
 * the estimate. Capacity never drops below {@value #MIN_CAPACITY_ENTRIES} entries, which keeps a
 * segment tier larger than {@link NaturalKey#MAX_ENCODED_BYTES}.
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
  static final int GROWTH_FACTOR = 4;
  static final double MAX_BLOAT_FACTOR = 2.0;
  static final long MIN_CAPACITY_ENTRIES = 4096;
  static final int MIN_AVERAGE_KEY_BYTES = 4;

  private final MapFiles files;
  private final Kind kind;
  /** Key bytes copied here so one wrapper serves every NaturalKey instance without allocation. */
  private final byte[] keyScratch = new byte[NaturalKey.MAX_ENCODED_BYTES];
  /** Chronicle's view of keyScratch. */
  private final BytesStore<?, byte[]> keyScratchStore = BytesStore.wrap(keyScratch);

  /** The live generation; the only data file of this table while open. */
  private ChronicleMap<byte[], Long> map;
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
    Path checkpointFile = files.checkpoint();
    try {
      if (!Files.exists(checkpointFile)) {
        refuseLeftoverDataFiles(files, 0);
        long capacity = Math.max(expectedEntries, MIN_CAPACITY_ENTRIES);
        int keyBytes = Math.min(Math.max(averageKeyBytes, MIN_AVERAGE_KEY_BYTES), NaturalKey.MAX_ENCODED_BYTES);
        MapCheckpoint fresh = new MapCheckpoint(kind, State.OPEN, 1, capacity, keyBytes, 0, 0, 1, 0, files.table());
        RehashingMap store = new RehashingMap(files, kind, fresh);
        store.writeCheckpoint(State.OPEN);
        store.map = store.createGeneration(1, capacity, keyBytes);
        return store;
      }
      MapCheckpoint checkpoint = readCheckpoint(files, kind);
      refuseLeftoverDataFiles(files, checkpoint.generation());
      RehashingMap store = new RehashingMap(files, kind, checkpoint);
      store.map = store.reopenGeneration();
      try {
        store.writeCheckpoint(State.OPEN);
      } catch (IOException e) {
        store.map.close();
        throw e;
      }
      return store;
    } catch (IOException e) {
      throw new IdMapException(files.table(), checkpointFile, "cannot open: " + e, e);
    }
  }

  /** The value stored for the key, or {@link IdMap#ABSENT}. */
  long get(NaturalKey key) {
    checkState(!closed, "closed: %s", files.checkpoint());
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
    checkState(!closed, "closed: %s", files.checkpoint());
    if (entryCount >= capacityEntries || map.remainingAutoResizes() <= map.segments()) {
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
    }
    entryCount++;
    keyBytesTotal += length;
    return IdMap.ABSENT;
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
      throw new IdMapException(files.table(), dataFile, "close failed: " + e, e);
    }
  }

  /** Copies every entry into a generation {@value #GROWTH_FACTOR}x larger, then drops the old one. */
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
      throw failure(newFile, "cannot create generation " + nextGeneration + ": " + e, e);
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
    }
    ChronicleMap<byte[], Long> old = map;
    map = bigger;
    generation = nextGeneration;
    capacityEntries = nextCapacity;
    averageKeyBytes = nextAverageKeyBytes;
    try {
      writeCheckpoint(State.OPEN);
      old.close();
      Files.delete(oldFile);
    } catch (IOException e) {
      throw failure(oldFile, "cannot retire generation " + (nextGeneration - 1) + ": " + e, e);
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

  private ChronicleMap<byte[], Long> reopenGeneration() {
    Path file = files.dataFile(generation);
    if (!Files.isRegularFile(file)) {
      throw new IdMapCorruptException(files.table(), file, "live data file of generation " + generation + " is missing");
    }
    ChronicleMap<byte[], Long> reopened;
    try {
      reopened = builder(generation, capacityEntries, averageKeyBytes).createPersistedTo(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new IdMapCorruptException(files.table(), file, "cannot reopen data file: " + e, e);
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

  private static MapCheckpoint readCheckpoint(MapFiles files, Kind kind) throws IOException {
    Path file = files.checkpoint();
    long size = Files.size(file);
    long maxSize = MapCheckpoint.FIXED_BYTES + MapCheckpoint.MAX_TABLE_NAME_BYTES + MapCheckpoint.CRC_BYTES;
    if (size > maxSize) {
      throw new IdMapCorruptException(files.table(), file, "checkpoint of " + size + " bytes, at most " + maxSize + " expected");
    }
    MapCheckpoint checkpoint = MapCheckpoint.decode(Files.readAllBytes(file), file, files.table());
    if (!checkpoint.table().equals(files.table())) {
      throw new IdMapCorruptException(files.table(), file, "checkpoint belongs to table \"" + checkpoint.table() + "\"");
    }
    if (checkpoint.kind() != kind) {
      throw new IdMapException(files.table(), file, "is " + describe(checkpoint.kind()) + ", opened as " + describe(kind)
          + " (did the plan's id column change since this spill directory was written?)");
    }
    if (checkpoint.state() != State.CLOSED) {
      throw new IdMapCorruptException(files.table(), file, "left open by a crashed or still running spill"
          + " (generation " + checkpoint.generation() + "); it is not recovered because ids it handed out may already be"
          + " in segments: start stage one again in a fresh directory (spill --force)");
    }
    return checkpoint;
  }

  private static String describe(Kind kind) {
    return kind == Kind.ID_MAP ? "an id map" : "a key set";
  }

  /** Any data file other than the live generation's means files from another run or a crash mid-rehash. */
  private static void refuseLeftoverDataFiles(MapFiles files, int liveGeneration) throws IOException {
    Path live = liveGeneration == 0 ? null : files.dataFile(liveGeneration);
    try (DirectoryStream<Path> found = Files.newDirectoryStream(files.directory(), files.dataFileGlob())) {
      for (Path file : found) {
        if (!file.getFileName().equals(live == null ? null : live.getFileName())) {
          throw new IdMapCorruptException(files.table(), file, liveGeneration == 0
              ? "data file without a checkpoint (" + files.checkpoint().getFileName() + " is missing)"
              : "unexpected data file: the checkpoint names generation " + liveGeneration + " as live");
        }
      }
    }
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
    return length;
  }

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
