package dev.spillway.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories in {@code /dev/shm} when it is a writable directory (memory: the fsyncs of
 * sealing hundreds of small segments cost nothing there), else in the default temporary directory.
 * Use with {@code @TempDir(factory = ShmTempDirFactory.class)}; JUnit deletes them afterwards.
 */
public final class ShmTempDirFactory implements TempDirFactory {
  private static final Path SHM = Path.of("/dev/shm");

  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
    if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
      return Files.createTempDirectory(SHM, "spillway-test-");
    }
    return Files.createTempDirectory("spillway-test-");
  }
}
