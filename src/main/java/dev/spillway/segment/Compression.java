package dev.spillway.segment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a sealed segment is stored (spill-format.md, "Compressed segments"). The pgcopy stream inside
 * is the same either way; compression changes only the bytes on disk and the file name's suffix:
 *
 * <pre>
 * none  segments/TTTT-SSSSSSSS.pgcopy       the plain binary COPY stream, loadable by psql as is
 * zstd  segments/TTTT-SSSSSSSS.pgcopy.zst   one zstd frame holding that stream, then a 30-byte
 *                                           skippable trailer frame ({@link ZstdTrailer})
 * </pre>
 *
 * In the manifest, {@code segments[].compression} is {@code "none"} or {@code "zstd"}.
 */
public enum Compression {
  NONE(".pgcopy"),
  ZSTD(".pgcopy.zst");

  /** The sealed file name's suffix, dot included. */
  private final String suffix;

  Compression(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }

  /** The JSON and command-line spelling: {@code none} or {@code zstd}. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The compression a sealed segment path's suffix names; IllegalArgumentException for any other name. */
  public static Compression ofPath(String path) {
    if (path.endsWith(ZSTD.suffix)) {
      return ZSTD;
    }
    if (path.endsWith(NONE.suffix)) {
      return NONE;
    }
    throw new IllegalArgumentException("segment file " + path + " ends neither in " + NONE.suffix + " nor in " + ZSTD.suffix);
  }

  /** Parses {@code none} or {@code zstd} (as typed on a command line); IllegalArgumentException otherwise. */
  public static Compression parse(String name) {
    for (Compression c : values()) {
      if (c.jsonName().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown compression '" + name + "'; expected none or zstd");
  }
}
