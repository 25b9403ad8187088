package dev.spillway.segment;

import java.nio.file.Path;

/**
 * A spill file (segment or manifest) that does not follow spill-format.md: names the file and the
 * byte offset of the first defect; the message omits the offset when it is -1 (not at one place).
 * Exit code 4.
 */
public class SpillFormatException extends RuntimeException {
  private final Path file;
  private final long byteOffset;
  /** The defect alone, without file and offset: what {@code spillway verify} prints after its own prefix. */
  private final String problem;

  public SpillFormatException(Path file, long byteOffset, String problem) {
    super(message(file, byteOffset, problem));
    this.file = file;
    this.byteOffset = byteOffset;
    this.problem = problem;
  }

  public SpillFormatException(Path file, long byteOffset, String problem, Throwable cause) {
    super(message(file, byteOffset, problem), cause);
    this.file = file;
    this.byteOffset = byteOffset;
    this.problem = problem;
  }

  /** "FILE at byte N: PROBLEM", or "FILE: PROBLEM" when the offset is unknown (negative). */
  private static String message(Path file, long byteOffset, String problem) {
    return byteOffset < 0 ? file + ": " + problem : file + " at byte " + byteOffset + ": " + problem;
  }

  public Path file() {
    return file;
  }

  /** Offset of the first defect, or -1 when the problem is not at one place (a missing file). */
  public long byteOffset() {
    return byteOffset;
  }

  /** The defect without the file and offset prefix. */
  public String problem() {
    return problem;
  }
}
