package dev.spillway.spill;

/**
 * Hears what stage one wants its user to know without stopping: e.g. an empty input file read as
 * zero records. The command line prints each on stderr as {@code spillway: warning: ...}, also with
 * {@code --quiet} (which silences progress, not warnings). Called on the reading thread.
 */
@FunctionalInterface
public interface SpillWarnings {
  void warn(String message);
}
