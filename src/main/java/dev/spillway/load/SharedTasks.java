package dev.spillway.load;

import dev.spillway.pg.StepLock;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentVerifier;
import dev.spillway.segment.SpillProblem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;

/**
 * The tasks of one loader of a shared load ({@code --shared}), on top of the single-process ones:
 * <ul>
 *   <li>a segment task loads whichever segment of its table {@link SharedClaims} hands this loader,
 *       in the transaction holding its claim ({@link SegmentTransaction}), or nothing once every
 *       segment of the table is committed ({@link NothingLeft}). The segment is fully verified
 *       ({@link SegmentVerifier}, as {@link PreFlight} does for a single loader) once claimed and
 *       before its COPY: each loader reads only the segments it loads, where a pre-flight of
 *       every segment by each of N loaders would read the spill N times (a corrupt segment fails
 *       that loader with a {@link SpillVerificationException}, segments committed before it stay);
 *   <li>a table's start, keys and finish run holding the table's {@link StepLock}, so they never
 *       run at once in two loaders; each finds in the control schema what another did before it:
 *       a start once every segment is committed does nothing (it would drop indexes already
 *       rebuilt), keys and foreign keys already built are not built again, and ANALYZE runs only
 *       for a table not yet recorded finished ({@link TableFinish} with {@code loadedNow} false).
 * </ul>
 * Immutable and thread-safe.
 */
final class SharedTasks {
  /** A segment task that found every segment of its table committed, by this or another loader. */
  record NothingLeft() {}

  private final LoadPlan plan;
  private final String spillId;
  private final SegmentVerifier verifier;
  private final SharedClaims claims;
  private final SegmentTransaction segments;
  /** Tables whose segments commit in sequence order (self-referencing, foreign keys checked during the load). */
  private final Predicate<TablePlan> inOrder;

  SharedTasks(LoadPlan plan, SharedClaims claims, SegmentTransaction segments, Predicate<TablePlan> inOrder) {
    this.plan = plan;
    this.spillId = plan.spillId();
    this.verifier = new SegmentVerifier(plan.dir(), plan.manifest());
    this.claims = claims;
    this.segments = segments;
    this.inOrder = inOrder;
  }

  /** {@code single}, the runner of a load without {@code --shared}, made to share. */
  Dispatcher.Runner wrap(Dispatcher.Runner single) {
    return (c, task) -> {
      if (task instanceof LoadTask.Segment s) {
        return Unlimited.run(c, () -> claims.claim(c, s.table(), inOrder.test(s.table())))
            .<Object>map(segment -> {
              verify(c, segment);
              return segments.load(c, s.table(), segment);
            })
            .orElseGet(NothingLeft::new);
      }
      return Unlimited.run(c, () -> StepLock.holding(c, StepLock.table(spillId, task.table().target()), () -> {
        if (task instanceof LoadTask.Start && claims.allLoaded(c, task.table())) {
          return new TableStart.Result(List.of(), List.of());
        }
        if (task instanceof LoadTask.Finish f) {
          return single.run(c, new LoadTask.Finish(f.table(), false));
        }
        return single.run(c, task);
      }));
    };
  }

  /** Verifies a claimed segment; a problem rolls the claiming transaction back and fails the load. */
  private void verify(Connection c, SealedSegment segment) {
    SpillProblem problem;
    try {
      problem = PreFlight.check(verifier, segment);
    } catch (RuntimeException e) {
      SegmentTransaction.rollback(c, e);
      throw e;
    }
    if (problem != null) {
      SpillVerificationException e = new SpillVerificationException(plan.dir().root(), List.of(problem));
      SegmentTransaction.rollback(c, e);
      throw e;
    }
  }
}
