package dev.spillway.load;

import com.google.common.collect.MapMaker;
import dev.spillway.pg.SegmentClaim;
import dev.spillway.pg.SqlErrors;
import dev.spillway.segment.SealedSegment;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
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
 * commit in sequence order across all loaders. Thread-safe: its one mutable part is the set of
 * sessions whose keepalives are set.
 */
final class SharedClaims {
  /** How long a loader waits for a segment another loader holds before it says who holds it. */
  static final Duration DEFAULT_WAIT_BEFORE_WARNING = Duration.ofSeconds(60);
  /**
   * Server-side TCP keepalives of a shared loader's sessions (idle seconds, interval seconds,
   * count): the server ends the session of a loader whose machine vanished, and with it its claim,
   * after about a minute instead of the default two hours. Settable by any user.
   */
  static final String KEEPALIVES_SQL =
      "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3";
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private final SegmentClaim claims;
  private final String spillId;
  private final Duration waitBeforeWarning;
  /** Where a long wait for another loader's claim is reported (the load's listener). */
  private final Consumer<String> warnings;
  /**
   * Connections whose session has {@link #KEEPALIVES_SQL} set, outside any transaction (so no
   * rollback undoes it): by identity, weakly (a lost connection's replacement is a new session).
   */
  private final Set<Connection> keepalivesSet = Collections.newSetFromMap(new MapMaker().weakKeys().makeMap());

  SharedClaims(SegmentClaim claims, String spillId) {
    this(claims, spillId, DEFAULT_WAIT_BEFORE_WARNING, message -> {});
  }

  SharedClaims(SegmentClaim claims, String spillId, Duration waitBeforeWarning, Consumer<String> warnings) {
    this.claims = claims;
    this.spillId = spillId;
    this.waitBeforeWarning = waitBeforeWarning;
    this.warnings = warnings;
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
   * theirs: run it with the stall timeout off ({@link Unlimited}). Every {@code waitBeforeWarning}
   * of waiting it reports the holder of the awaited claim (once per holder) and waits on. Sets the
   * session's TCP keepalives ({@link #KEEPALIVES_SQL}) so that a vanished loader's claims end soon:
   * on the first claim on {@code c}, not again (a session setting; one round trip per connection).
   */
  Optional<SealedSegment> claim(Connection c, TablePlan table, boolean inOrder) {
    String name = table.target().sql();
    Set<String> reported = new HashSet<>();
    try {
      setKeepalives(c);
      while (true) {
        c.setAutoCommit(false);
        OptionalLong seq = inOrder ? OptionalLong.empty() : claims.next(c, spillId, name, SegmentClaim.Wait.SKIP_LOCKED);
        if (seq.isEmpty()) {
          seq = waitForLowest(c, name, reported);
          if (seq == null) {
            continue; // waited waitBeforeWarning: rolled back, holder reported; wait again
          }
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

  /** Runs {@link #KEEPALIVES_SQL} on {@code c} unless it ran there before outside a transaction. */
  private void setKeepalives(Connection c) throws SQLException {
    if (keepalivesSet.contains(c)) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute(KEEPALIVES_SQL);
    }
    if (c.getAutoCommit()) {
      keepalivesSet.add(c);
    }
  }

  /**
   * The lowest unloaded segment, locked, waiting at most {@code waitBeforeWarning} for it; null when
   * that ran out (the transaction is rolled back and the holder reported).
   */
  private OptionalLong waitForLowest(Connection c, String name, Set<String> reported) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL lock_timeout = " + Math.max(1, waitBeforeWarning.toMillis()));
    }
    try {
      OptionalLong seq = claims.next(c, spillId, name, SegmentClaim.Wait.WAIT);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL lock_timeout = 0");
      }
      return seq;
    } catch (SQLException e) {
      if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        throw e;
      }
    }
    c.rollback();
    Optional<String> holder = claims.holder(c, spillId, name);
    c.commit();
    if (holder.isPresent() && reported.add(holder.get().replaceAll(", (idle|active)[^;]*;", ";"))) {
      warnings.accept("waited " + waitBeforeWarning.toSeconds() + " s: " + holder.get());
    }
    return null;
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
