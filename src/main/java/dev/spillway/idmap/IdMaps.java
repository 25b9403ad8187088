package dev.spillway.idmap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.spillway.idmap.MapCheckpoint.Kind;
import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens the id maps and key sets of one spill run, all in one directory (the spill directory's
 * {@code idmap/}, created 0700 if missing). Each table gets its own file family named by
 * {@link MapFiles}, so any table name is safe. Opening a table whose files exist reopens them with
 * the answers they had when closed (the sizing arguments then do not matter); a table left open by
 * a crash is refused with {@link IdMapCorruptException}. {@link #close()} closes every map it
 * opened that is still open.
 *
 * <p>Not thread-safe; a table can be open once at a time.
 */
public final class IdMaps implements AutoCloseable {
  /** Front cache slots per id map; 0 disables the cache. */
  public static final int DEFAULT_FRONT_CACHE_SLOTS = 8192;

  private final Path directory;
  private final int frontCacheSlots;
  /** Heap the on-heap tiers of the maps opened here may hold together (shared with other factories). */
  private final HeapBudget heapBudget;
  /** Maps opened by this factory, by table name, in opening order. */
  private final Map<String, AutoCloseable> opened = new LinkedHashMap<>();

  /**
   * @param directory the idmap directory; created (0700) if missing
   * @param frontCacheSlots slots of each id map's {@link FrontCache}: 0 for none, else a power of two
   * @param heapBudget      heap the maps created here may hold their keys in before moving them into
   *                        their files (see {@link RehashingMap}); may be shared by several factories
   */
  public IdMaps(Path directory, int frontCacheSlots, HeapBudget heapBudget) {
    checkArgument(frontCacheSlots == 0 || (frontCacheSlots > 0 && Integer.bitCount(frontCacheSlots) == 1),
        "frontCacheSlots must be 0 or a power of two: %s", frontCacheSlots);
    this.directory = directory;
    this.frontCacheSlots = frontCacheSlots;
    this.heapBudget = java.util.Objects.requireNonNull(heapBudget, "heapBudget");
    try {
      OwnerOnlyFiles.createDirectories(directory);
    } catch (IOException e) {
      throw new IdMapException("(all tables)", directory, "cannot create the idmap directory: " + IoErrors.describe(e), e);
    }
  }

  /** Maps without an on-heap tier: every key in its file from the first. */
  public IdMaps(Path directory, int frontCacheSlots) {
    this(directory, frontCacheSlots, HeapBudget.none());
  }

  public IdMaps(Path directory) {
    this(directory, DEFAULT_FRONT_CACHE_SLOTS);
  }

  /**
   * Opens (or creates) the id map of {@code table}, sized for about {@code expectedEntries} keys of
   * {@code averageKeyBytes} encoded bytes; both are estimates, growth beyond them is handled.
   */
  public IdMap openIdMap(String table, long expectedEntries, int averageKeyBytes) {
    RehashingMap store = openStore(table, Kind.ID_MAP, expectedEntries, averageKeyBytes);
    IdMap map = new IdMap(store, frontCacheSlots == 0 ? null : new FrontCache(frontCacheSlots));
    opened.put(table, map);
    return map;
  }

  /** Opens (or creates) the key set of link table {@code table}; sizing as for {@link #openIdMap}. */
  public KeySet openKeySet(String table, long expectedEntries, int averageKeyBytes) {
    KeySet set = new KeySet(openStore(table, Kind.KEY_SET, expectedEntries, averageKeyBytes));
    opened.put(table, set);
    return set;
  }

  /** Opens (or creates) a number per key of {@code table} ({@link KeyCounts}); sizing as for {@link #openIdMap}. */
  public KeyCounts openKeyCounts(String table, long expectedEntries, int averageKeyBytes) {
    KeyCounts counts = new KeyCounts(openStore(table, Kind.KEY_SET, expectedEntries, averageKeyBytes));
    opened.put(table, counts);
    return counts;
  }

  public Path directory() {
    return directory;
  }

  /** Closes every map still open; the first failure is thrown with the others suppressed. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (AutoCloseable map : opened.values()) {
      try {
        map.close();
      } catch (Exception e) {
        failures.add(e instanceof RuntimeException r ? r : new IllegalStateException(e));
      }
    }
    opened.clear();
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  /**
   * For working maps whose content is of no use after the run: closes every map without
   * persisting it (no fsync, no snapshot) and deletes the directory with everything in it. Every
   * map is closed even when one fails; the first failure is thrown with the others suppressed.
   */
  public void discard() {
    List<RuntimeException> failures = new ArrayList<>();
    for (AutoCloseable map : opened.values()) {
      try {
        if (map instanceof IdMap m) {
          m.discard();
        } else if (map instanceof KeySet k) {
          k.discard();
        } else {
          ((KeyCounts) map).discard();
        }
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    opened.clear();
    try {
      OwnerOnlyFiles.deleteTree(directory);
    } catch (IOException e) {
      failures.add(new IdMapException("(all tables)", directory, "cannot remove the directory: " + e, e));
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  private RehashingMap openStore(String table, Kind kind, long expectedEntries, int averageKeyBytes) {
    checkArgument(table != null && !table.isEmpty(), "table name is empty: %s", table);
    checkArgument(expectedEntries >= 1, "expectedEntries < 1: %s", expectedEntries);
    checkArgument(averageKeyBytes >= 1 && averageKeyBytes <= NaturalKey.MAX_ENCODED_BYTES,
        "averageKeyBytes outside [1, %s]: %s", NaturalKey.MAX_ENCODED_BYTES, averageKeyBytes);
    AutoCloseable previous = opened.get(table);
    checkState(previous == null || isClosed(previous), "table \"%s\" is already open in %s", table, directory);
    return RehashingMap.open(new MapFiles(directory, table), kind, expectedEntries, averageKeyBytes, heapBudget);
  }

  private static boolean isClosed(AutoCloseable map) {
    if (map instanceof IdMap idMap) {
      return idMap.isClosed();
    }
    return map instanceof KeySet set ? set.isClosed() : ((KeyCounts) map).isClosed();
  }
}
