package dev.spillway.api;

import dev.spillway.pg.ProgressTotal;
import java.util.List;
import java.util.Objects;

/**
 * Stage one of a pipelined {@link PipelinedRun#run} stopped ({@link #getCause()}: a reject limit,
 * an unreadable or truncated input, a full disk, ...) after segments of its spill had been
 * committed: those stay in the target tables. Says which ({@link #committed}) and whether running
 * the same command again goes on from them ({@link #resumable}: the spill id is derived from the
 * plan and its inputs, so unchanged inputs give the same spill); after a change of the inputs or
 * the plan the next run is another spill and must replace these rows ({@code --replace}), never add
 * to them. The exit code is the cause's (the command line walks the cause chain). Immutable.
 */
public final class RunStoppedException extends RuntimeException {
  private final String spillId;
  private final List<ProgressTotal> committed;
  private final boolean resumable;

  /**
   * @param cause     why stage one stopped
   * @param spillId   the run's spill id
   * @param committed per target table, what the spill has in it (not empty)
   * @param resumable whether the same inputs give the same spill id
   */
  public RunStoppedException(RuntimeException cause, String spillId, List<ProgressTotal> committed, boolean resumable) {
    super(Objects.requireNonNull(cause, "cause").getMessage() + "; spill " + spillId + " has " + rows(committed)
        + " rows in " + segments(committed) + " segments committed by then, which stay loaded", cause);
    if (committed.isEmpty()) {
      throw new IllegalArgumentException("committed is empty: nothing stays loaded, throw the cause itself");
    }
    this.spillId = spillId;
    this.committed = List.copyOf(committed);
    this.resumable = resumable;
  }

  /** The run's spill id. */
  public String spillId() {
    return spillId;
  }

  /** Per target table, by name: the segments and rows of this spill committed before the stop. */
  public List<ProgressTotal> committed() {
    return committed;
  }

  /** Whether running again with the same inputs and plan is the same spill, which goes on from these segments. */
  public boolean resumable() {
    return resumable;
  }

  public long rows() {
    return rows(committed);
  }

  public long segments() {
    return segments(committed);
  }

  private static long rows(List<ProgressTotal> committed) {
    return committed.stream().mapToLong(ProgressTotal::rows).sum();
  }

  private static long segments(List<ProgressTotal> committed) {
    return committed.stream().mapToLong(ProgressTotal::segments).sum();
  }
}
