package dev.spillway.load;

import dev.spillway.pg.SegmentClaim;
import dev.spillway.pg.SqlErrors;
import dev.spillway.segment.SealedSegment;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a loader of a shared load ({@code --shared}) picks its next segment of a table: instead of
 * the one its own {@link LoadQueue} names, the lowest one no loader has committed or holds
 * ({@link SegmentClaim}), claimed in the transaction that will load it. When every unloaded
 * segment is held by other loaders it waits for the lowest: the holder either commits it (then the
 * next is tried) or dies (then its claim is gone and this loader loads the segment). So
 * {@link #claim} returns empty only once every segment of the table is committed, by whichever
 * loaders: when all of a table's segment tasks of one loader's queue are done, the table is fully
 * loaded, and its parents-first order and its finishing steps hold across loaders.
 *
 * <p>For a self-referencing table whose foreign keys are checked during the load ({@code inOrder})
 * the lowest unloaded segment is always the one taken, waiting for it if held: its segments
 * commit in sequence order across all loaders. Immutable and thread-safe.
 */
final class SharedClaims {
  private final SegmentClaim claims;
  private final String spillId;

  SharedClaims(SegmentClaim claims, String spillId) {
    this.claims = claims;
    this.spillId = spillId;
  }

  /** Records every segment of the plan as claimable; each loader does it, the first one inserts. */
  void seed(Connection c, LoadPlan plan) {
    List<String> names = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      for (SealedSegment s : t.segments()) {
        names.add(t.target().sql());
        sequences.add(s.sequence());
      }
    }
    claims.seed(c, spillId, names, sequences);
  }

  /**
   * A segment of the table that no loader has committed, with its claim held by a transaction now
   * open on {@code c} (autocommit off), in which the caller loads it; or empty, autocommit on,
   * when every segment of the table is committed. The wait for other loaders has no bound but
   * theirs: run it with the stall timeout off ({@link Unlimited}).
   */
  Optional<SealedSegment> claim(Connection c, TablePlan table, boolean inOrder) {
    String name = table.target().sql();
    try {
      while (true) {
        c.setAutoCommit(false);
        OptionalLong seq = inOrder ? OptionalLong.empty() : claims.next(c, spillId, name, SegmentClaim.Wait.SKIP_LOCKED);
        if (seq.isEmpty()) {
          seq = claims.next(c, spillId, name, SegmentClaim.Wait.WAIT);
        }
        if (seq.isEmpty()) {
          c.rollback();
          c.setAutoCommit(true);
          return Optional.empty();
        }
        if (!claims.loaded(c, spillId, name, seq.getAsLong())) {
          return Optional.of(segment(table, seq.getAsLong()));
        }
        c.rollback(); // committed by another loader just before the lock was granted: release it, ask again
      }
    } catch (SQLException | RuntimeException e) {
      SegmentTransaction.rollback(c, e);
      if (e instanceof SQLException sql) {
        throw SqlErrors.wrap("claiming a segment of table " + name + " of spill " + spillId + " (shared load)", sql);
      }
      throw (RuntimeException) e;
    }
  }

  /** Every segment of the table committed, by any loader. */
  boolean allLoaded(Connection c, TablePlan table) {
    return claims.unloaded(c, spillId, table.target().sql()) == 0;
  }

  private SealedSegment segment(TablePlan table, long sequence) {
    return table.segments().stream().filter(s -> s.sequence() == sequence).findFirst()
        .orElseThrow(() -> new IllegalStateException("the control schema's claims of spill " + spillId + " list segment "
            + sequence + " of " + table.target() + ", which its manifest does not"));
  }
}
