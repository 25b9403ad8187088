package dev.spillway.idmap;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File-name rules for one table's map inside the idmap directory:
 * <pre>
 *   STEM.meta             checkpoint ({@link MapCheckpoint})
 *   STEM.meta.tmp         checkpoint being written, renamed over STEM.meta when complete
 *   STEM.GGGGGG.cmap      Chronicle Map data file of generation GGGGGG (1-based, zero-padded so
 *                         {@code ls} sorts generations in order)
 *   STEM.GGGGGG.keys      or instead, when the map closed with its keys on the heap, its entries
 *                         in one sequential file ({@link HeapSnapshot})
 * </pre>
 * STEM is the table name with every character outside {@code [A-Za-z0-9_]} replaced by {@code _},
 * cut to 40 characters, then {@code -} and the first 8 hex digits of the SHA-256 of the name's
 * UTF-8 bytes: {@code "order items"} becomes {@code order_items-1c5d3a0e}. Names with spaces,
 * quotes, slashes, dots or non-ASCII letters therefore never escape the directory or collide after
 * sanitising; the checkpoint stores the exact name and is checked on open, so even a hash
 * collision is reported instead of sharing a map.
 */
final class MapFiles {
  static final String CHECKPOINT_SUFFIX = ".meta";
  static final String TEMP_SUFFIX = ".tmp";
  static final String DATA_SUFFIX = ".cmap";
  static final String SNAPSHOT_SUFFIX = ".keys";
  static final int MAX_SANITISED_CHARS = 40;

  private final Path directory;
  private final String table;
  private final String stem;

  MapFiles(Path directory, String table) {
    checkArgument(!table.isEmpty(), "table name is empty");
    this.directory = directory;
    this.table = table;
    this.stem = stem(table);
  }

  static String stem(String table) {
    StringBuilder safe = new StringBuilder(Math.min(table.length(), MAX_SANITISED_CHARS) + 9);
    for (int i = 0; i < table.length() && safe.length() < MAX_SANITISED_CHARS; i++) {
      char c = table.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      safe.append(plain ? c : '_');
    }
    String hash = Hashing.sha256().hashString(table, StandardCharsets.UTF_8).toString().substring(0, 8);
    return safe.append('-').append(hash).toString();
  }

  Path directory() {
    return directory;
  }

  String table() {
    return table;
  }

  String stem() {
    return stem;
  }

  Path checkpoint() {
    return directory.resolve(stem + CHECKPOINT_SUFFIX);
  }

  Path checkpointTemp() {
    return directory.resolve(stem + CHECKPOINT_SUFFIX + TEMP_SUFFIX);
  }

  Path dataFile(int generation) {
    checkArgument(generation >= 1 && generation <= 999_999, "generation out of range: %s", generation);
    return directory.resolve(String.format("%s.%06d%s", stem, generation, DATA_SUFFIX));
  }

  Path snapshotFile(int generation) {
    checkArgument(generation >= 1 && generation <= 999_999, "generation out of range: %s", generation);
    return directory.resolve(String.format("%s.%06d%s", stem, generation, SNAPSHOT_SUFFIX));
  }

  /** Glob matching every data file of this table, for finding leftovers. */
  String dataFileGlob() {
    return stem + ".*" + DATA_SUFFIX;
  }

  /** Glob matching every heap snapshot of this table, for finding leftovers. */
  String snapshotGlob() {
    return stem + ".*" + SNAPSHOT_SUFFIX;
  }
}
