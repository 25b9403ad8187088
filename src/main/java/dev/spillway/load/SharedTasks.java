package dev.spillway.load;

import dev.spillway.pg.StepLock;
import java.util.List;
import java.util.function.Predicate;

/**
 * The tasks of one loader of a shared load ({@code --shared}), on top of the single-process ones:
 * <ul>
 *   <li>a segment task loads whichever segment of its table {@link SharedClaims} hands this loader,
 *       in the transaction holding its claim ({@link SegmentTransaction}), or nothing once every
 *       segment of the table is committed ({@link NothingLeft});
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

  private final String spillId;
  private final SharedClaims claims;
  private final SegmentTransaction segments;
  /** Tables whose segments commit in sequence order (self-referencing, foreign keys checked during the load). */
  private final Predicate<TablePlan> inOrder;

  SharedTasks(String spillId, SharedClaims claims, SegmentTransaction segments, Predicate<TablePlan> inOrder) {
    this.spillId = spillId;
    this.claims = claims;
    this.segments = segments;
    this.inOrder = inOrder;
  }

  /** {@code single}, the runner of a load without {@code --shared}, made to share. */
  Dispatcher.Runner wrap(Dispatcher.Runner single) {
    return (c, task) -> {
      if (task instanceof LoadTask.Segment s) {
        return Unlimited.run(c, () -> claims.claim(c, s.table(), inOrder.test(s.table())))
            .<Object>map(segment -> segments.load(c, s.table(), segment))
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
}
