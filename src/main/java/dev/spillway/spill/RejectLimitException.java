package dev.spillway.spill;

import java.nio.file.Path;

/**
 * More source records were rejected than {@code --max-rejects} allows (a record counts once, however
 * many of its rows failed). Names the count, the limit and the
 * rejects file: {@code 11 rejected record(s), more than --max-rejects 10: see /spill/rejects.csv}.
 */
public final class RejectLimitException extends SpillStoppedException {
  private final long rejectCount;
  private final long maxRejects;
  private final Path rejectsFile;

  public RejectLimitException(long rejectCount, long maxRejects, Path rejectsFile) {
    super(rejectCount + " rejected record(s), more than --max-rejects " + maxRejects + ": stage one stopped; see "
        + rejectsFile);
    this.rejectCount = rejectCount;
    this.maxRejects = maxRejects;
    this.rejectsFile = rejectsFile;
  }

  public long rejectCount() {
    return rejectCount;
  }

  public long maxRejects() {
    return maxRejects;
  }

  public Path rejectsFile() {
    return rejectsFile;
  }
}
