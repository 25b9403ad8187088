package dev.spillway.cli;

import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command's exit code for the launcher ({@code bin/spillway}), in the file the system property
 * {@value #PROPERTY} names: decimal digits and a newline, written just before the JVM exits. The
 * launcher asks for it only when the JVM records a class-data archive as it exits
 * ({@code -XX:ArchiveClassesAtExit}): a JVM that cannot write that archive (its directory deleted,
 * or the disk full, while the command ran) exits with 1 whatever the command did, and the launcher
 * then exits with the code found here instead. Written by {@link Main} alone.
 */
final class ExitCodeFile {
  /** The system property naming the file; unset, nothing is written. */
  static final String PROPERTY = "spillway.exitCodeFile";

  private ExitCodeFile() {}

  /**
   * Writes {@code exitCode} to the file {@code file} names, if it names one; a failure to write is
   * said on {@code err} (the launcher then takes the JVM's own exit code) and the exit goes on.
   */
  static void write(String file, int exitCode, PrintStream err) {
    if (file == null || file.isEmpty()) {
      return;
    }
    try {
      Files.writeString(Path.of(file), exitCode + "\n", StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      err.println("spillway: warning: cannot leave the exit code " + exitCode + " for the launcher in " + file + ": "
          + (e instanceof IOException io ? IoErrors.describe(io) : e.toString()));
      err.flush();
    }
  }
}
