package dev.spillway.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An I/O failure while writing or reading a spill directory: names the file and what was being done
 * ("sealing segment ... of table ..."), and keeps the {@link IOException} as its cause.
 */
public class SpillIoException extends UncheckedIOException {
  private final Path file;

  public SpillIoException(Path file, String action, IOException cause) {
    super(action + " " + file + ": " + cause, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
