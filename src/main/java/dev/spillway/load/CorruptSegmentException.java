package dev.spillway.load;

import dev.spillway.pg.QualifiedName;
import dev.spillway.segment.SpillFormatException;
import java.nio.file.Path;

/**
 * A segment failed verification against the manifest (size, header, structure, row count, CRC32C)
 * just before it would have been loaded, or changed while it was being streamed. None of its rows
 * reached the database: the transaction was cancelled or never started. Names the spill directory,
 * the table, the segment file and the byte offset of the first defect (from the cause). Exit code 4.
 */
public final class CorruptSegmentException extends SpillFormatException {
  /** The spill directory's root. */
  private final Path spillDirectory;
  /** The table the segment belongs to, as loaded. */
  private final QualifiedName table;
  /** The segment's path relative to the spill directory ({@code segments/0001-00000003.pgcopy}). */
  private final String segmentFile;

  public CorruptSegmentException(Path spillDirectory, QualifiedName table, String segmentFile, SpillFormatException cause) {
    super(cause.file(), cause.byteOffset(), "segment " + segmentFile + " of table " + table + " in spill directory "
        + spillDirectory + " is refused, none of its rows were loaded: " + problemOf(cause), cause);
    this.spillDirectory = spillDirectory;
    this.table = table;
    this.segmentFile = segmentFile;
  }

  public Path spillDirectory() {
    return spillDirectory;
  }

  public QualifiedName table() {
    return table;
  }

  public String segmentFile() {
    return segmentFile;
  }

  /** The cause's message without its own "FILE at byte N: " prefix, which this message repeats. */
  private static String problemOf(SpillFormatException cause) {
    String prefix = cause.file() + " at byte " + cause.byteOffset() + ": ";
    String message = String.valueOf(cause.getMessage());
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
