package dev.spillway.idmap;

import java.nio.file.Path;

/**
 * Files of an id map that cannot be trusted: a checkpoint that fails its checks, a data file that
 * disagrees with it, or a map left open by a crashed (or still running) process. Such maps are
 * refused, never repaired: ids they handed out may already sit in segment files. Exit code 4.
 */
public final class IdMapCorruptException extends IdMapException {
  public IdMapCorruptException(String table, Path file, String problem) {
    super(table, file, problem);
  }

  public IdMapCorruptException(String table, Path file, String problem, Throwable cause) {
    super(table, file, problem, cause);
  }
}
