package dev.spillway.input;

import java.nio.file.Path;

/**
 * An input file that cannot be read on: an I/O error, a corrupt gzip stream, a missing header, a
 * quoted field never closed. Names the file and the line where the record being read starts (0
 * when the problem is not at a line); standard input is named {@value InputFiles#STDIN_NAME}.
 * Malformed records that reading can go past are not exceptions but {@link MalformedRecord}s.
 */
public final class InputException extends RuntimeException {
  private final Path file;
  private final long line;

  public InputException(Path file, long line, String problem, Throwable cause) {
    super(InputFiles.displayName(file) + (line > 0 ? " line " + line : "") + ": " + problem, cause);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  /** The 1-based line where the failing record starts, or 0. */
  public long line() {
    return line;
  }
}
