package dev.spillway.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The spill directory argument of load, status and verify: one that names nothing is a usage error
 * (exit 2) saying so ({@code no such directory}), one that names a file says that instead.
 */
final class SpillDirectoryArgument {
  private SpillDirectoryArgument() {}

  /** @throws ParameterException when {@code directory} does not exist or is not a directory */
  static void require(CommandSpec spec, Path directory) {
    if (Files.isDirectory(directory)) {
      return;
    }
    boolean exists = Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
    throw new ParameterException(spec.commandLine(), (exists ? "not a directory: " : "no such directory: ") + directory);
  }
}
