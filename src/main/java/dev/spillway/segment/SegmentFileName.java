package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a sealed segment: {@code segments/TTTT-SSSSSSSS.pgcopy}, where {@code TTTT} is the
 * table's ordinal (its 1-based position in the manifest's {@code tables}) and {@code SSSSSSSS} the
 * segment's sequence within the table, both zero-padded decimal so that {@code ls} sorts segments in
 * load order. Names never derive from table names, which may hold any character. A zstd-compressed
 * segment has the suffix {@code .pgcopy.zst} instead ({@link Compression#suffix()}); the methods
 * without a {@link Compression} argument spell the uncompressed name. A segment being written is
 * {@code TTTT-SSSSSSSS.pgcopy.tmp} (or {@code .pgcopy.zst.tmp}) and never matches the sealed pattern.
 *
 * @param tableOrdinal 1 .. {@value #MAX_TABLE_ORDINAL}
 * @param sequence     1 .. {@value #MAX_SEQUENCE}
 */
public record SegmentFileName(int tableOrdinal, long sequence) implements Comparable<SegmentFileName> {
  public static final String DIRECTORY = "segments";
  public static final String SUFFIX = ".pgcopy";
  public static final String TMP_SUFFIX = ".tmp";
  public static final int MAX_TABLE_ORDINAL = 9_999;
  public static final long MAX_SEQUENCE = 99_999_999L;
  /** A sealed segment's file name inside {@code segments/}, either compression. */
  public static final Pattern FILE_NAME = Pattern.compile("([0-9]{4})-([0-9]{8})\\.pgcopy(?:\\.zst)?");
  /** A sealed segment's path relative to the spill directory, as the manifest spells it, either compression. */
  public static final Pattern RELATIVE_PATH = Pattern.compile("segments/([0-9]{4})-([0-9]{8})\\.pgcopy(?:\\.zst)?");

  public SegmentFileName {
    checkArgument(tableOrdinal >= 1 && tableOrdinal <= MAX_TABLE_ORDINAL,
        "tableOrdinal out of range 1..%s: %s", MAX_TABLE_ORDINAL, tableOrdinal);
    checkArgument(sequence >= 1 && sequence <= MAX_SEQUENCE, "sequence out of range 1..%s: %s", MAX_SEQUENCE, sequence);
  }

  /** {@code 0003-00000042.pgcopy}. */
  public String fileName() {
    return fileName(Compression.NONE);
  }

  /** {@code 0003-00000042.pgcopy} or {@code 0003-00000042.pgcopy.zst}. */
  public String fileName(Compression compression) {
    return String.format(Locale.ROOT, "%04d-%08d%s", tableOrdinal, sequence, compression.suffix());
  }

  /** {@code 0003-00000042.pgcopy.tmp}. */
  public String tmpFileName() {
    return tmpFileName(Compression.NONE);
  }

  /** {@code 0003-00000042.pgcopy.tmp} or {@code 0003-00000042.pgcopy.zst.tmp}. */
  public String tmpFileName(Compression compression) {
    return fileName(compression) + TMP_SUFFIX;
  }

  /** {@code segments/0003-00000042.pgcopy}: the manifest's {@code file} value. */
  public String relativePath() {
    return relativePath(Compression.NONE);
  }

  /** {@code segments/0003-00000042.pgcopy} or {@code segments/0003-00000042.pgcopy.zst}. */
  public String relativePath(Compression compression) {
    return DIRECTORY + "/" + fileName(compression);
  }

  public SegmentFileName next() {
    return new SegmentFileName(tableOrdinal, sequence + 1);
  }

  /** Parses a bare file name found in {@code segments/}; empty when it is not a sealed segment's name. */
  public static Optional<SegmentFileName> parseFileName(String fileName) {
    Matcher m = FILE_NAME.matcher(fileName);
    return m.matches() ? fromDigits(m) : Optional.empty();
  }

  /**
   * Parses an untrusted relative path from a manifest. Throws {@link IllegalArgumentException}
   * saying why it is refused: absolute, escaping the directory, or not matching the pattern.
   */
  public static SegmentFileName parseRelativePath(String path) {
    checkArgument(path != null, "segment file name is missing");
    checkArgument(!path.startsWith("/") && !path.startsWith("\\") && !path.matches("^[A-Za-z]:.*"),
        "segment file %s is an absolute path; expected segments/NNNN-NNNNNNNN.pgcopy[.zst]", path);
    checkArgument(!path.contains("\\"), "segment file %s contains a backslash; expected segments/NNNN-NNNNNNNN.pgcopy[.zst]", path);
    for (String part : path.split("/", -1)) {
      checkArgument(!part.equals("..") && !part.equals("."),
          "segment file %s has a '%s' component; expected segments/NNNN-NNNNNNNN.pgcopy[.zst]", path, part);
    }
    Matcher m = RELATIVE_PATH.matcher(path);
    checkArgument(m.matches(), "segment file %s does not match segments/NNNN-NNNNNNNN.pgcopy[.zst]", path);
    return fromDigits(m).orElseThrow(() ->
        new IllegalArgumentException("segment file " + path + " has table ordinal or sequence 0 (both start at 1)"));
  }

  private static Optional<SegmentFileName> fromDigits(Matcher m) {
    int ordinal = Integer.parseInt(m.group(1));
    long sequence = Long.parseLong(m.group(2));
    if (ordinal < 1 || sequence < 1) {
      return Optional.empty();
    }
    return Optional.of(new SegmentFileName(ordinal, sequence));
  }

  @Override
  public int compareTo(SegmentFileName o) {
    int byTable = Integer.compare(tableOrdinal, o.tableOrdinal);
    return byTable != 0 ? byTable : Long.compare(sequence, o.sequence);
  }

  @Override
  public String toString() {
    return relativePath();
  }
}
