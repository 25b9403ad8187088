package dev.spillway.input;

import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.nio.file.Path;

/** The rejects file cannot be created or written; names it and keeps the I/O cause. */
public final class RejectsException extends RuntimeException {
  private final Path file;

  public RejectsException(Path file, String problem, IOException cause) {
    super("rejects file " + file + ": " + problem + ": " + IoErrors.describe(cause), cause);
    this.file = file;
  }

  /** A problem that is not an I/O failure (e.g. the file system cannot make the file owner-only). */
  public RejectsException(Path file, String problem, RuntimeException cause) {
    super("rejects file " + file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
