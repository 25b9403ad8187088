package dev.spillway.load;

import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.SpillProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The spill directory failed the pre-flight verification ({@link PreFlight}); nothing was loaded and
 * the database was not contacted. {@link #file()} and {@link #byteOffset()} are those of the first
 * problem; the message lists every problem on one line, separated by {@code ; }, relative to the spill directory.
 */
public final class SpillVerificationException extends SpillFormatException {
  private final Path spillDirectory;
  private final List<SpillProblem> problems;

  SpillVerificationException(Path spillDirectory, List<SpillProblem> problems) {
    super(problems.get(0).file(), problems.get(0).byteOffset(), "spill directory " + spillDirectory
        + " fails verification, nothing was loaded (" + problems.size() + " problem(s)): "
        + problems.stream().map(p -> p.describe(spillDirectory)).collect(Collectors.joining("; ")));
    this.spillDirectory = spillDirectory;
    this.problems = List.copyOf(problems);
  }

  public Path spillDirectory() {
    return spillDirectory;
  }

  /** Every problem found, segments in manifest order first, then the directory's contents. */
  public List<SpillProblem> problems() {
    return problems;
  }
}
