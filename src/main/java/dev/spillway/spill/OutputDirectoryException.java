package dev.spillway.spill;

import java.nio.file.Path;

/**
 * The {@code --out} directory cannot be used: it exists (without {@code --force}), holds a spill a
 * crashed run left {@code open}, or holds files that are not a spill directory's (never deleted,
 * even with {@code --force}). A usage error: the command line should change.
 */
public final class OutputDirectoryException extends RuntimeException {
  private final Path directory;

  public OutputDirectoryException(Path directory, String problem) {
    super(directory + ": " + problem);
    this.directory = directory;
  }

  public OutputDirectoryException(Path directory, String problem, Throwable cause) {
    super(directory + ": " + problem, cause);
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }
}
