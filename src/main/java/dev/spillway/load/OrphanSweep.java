package dev.spillway.load;

import dev.spillway.pg.PgException;
import dev.spillway.pg.SpillSessions;
import dev.spillway.pg.SpillSessions.Session;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ends the sessions an earlier load of the same spill left on the server (issue 10, item 7), right
 * after the spill's lock is taken and before anything else: a worker of a load whose process died
 * or lost its network can stay {@code active} in its COPY, or {@code idle in transaction}, holding
 * row locks this load would wait on forever. A session merely {@code idle}, holding no advisory
 * lock, holds nothing this load could wait on and is left alone: a connection of an application's
 * pool that served an earlier load through a DataSource may still carry its application_name.
 * Each one ({@link SpillSessions#others}) is named in a
 * {@link LoadProgress#warning} (shown even with {@code --quiet}) and terminated; a role that may not
 * terminate it waits for it, said so, for at most {@code maxWait}, then fails with a
 * {@link PgException} naming the pids and the statement an administrator can run. Never waits
 * without a bound or without a word. Immutable.
 */
final class OrphanSweep {
  private final Duration maxWait;
  private final Duration pollInterval;

  OrphanSweep(Duration maxWait, Duration pollInterval) {
    this.maxWait = maxWait;
    this.pollInterval = pollInterval;
  }

  void sweep(Connection c, String spillId, Collection<Integer> ownPids, LoadProgress progress) {
    List<Session> orphans = SpillSessions.others(c, spillId, ownPids);
    if (orphans.isEmpty()) {
      return;
    }
    for (Session o : orphans) {
      String what = "session pid " + o.session().pid() + " (started " + o.startedAt() + ", state '" + o.state()
          + "', application_name \"" + o.applicationName() + "\") is left over from an earlier load of spill " + spillId;
      if (SpillSessions.terminate(c, o.session())) {
        progress.warning(what + ": terminated it");
      } else {
        progress.warning(what + " and this role may not terminate it: waiting up to " + maxWait.toSeconds()
            + " s for it to end");
      }
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    List<Session> left = new ArrayList<>(orphans);
    while (true) {
      left.removeIf(o -> !SpillSessions.alive(c, o.session()));
      if (left.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        String pids = left.stream().map(o -> Integer.toString(o.session().pid())).collect(Collectors.joining(", "));
        throw new PgException("sessions left over from an earlier load of spill " + spillId + " are still there after "
            + maxWait.toSeconds() + " s (backend pid " + pids + "); they may hold locks this load would wait on, so"
            + " nothing was loaded. A superuser can end them: "
            + left.stream().map(o -> "SELECT pg_terminate_backend(" + o.session().pid() + ");")
                .collect(Collectors.joining(" ")));
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoadInterruptedException(spillId, e);
      }
    }
  }
}
