package dev.spillway.pg;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Another session holds the spill's advisory lock: a second loader of the same spill directory.
 * Names the spill id and, when the catalog shows them, the holder's backend pid, application_name,
 * user and client address. Exit code 5.
 */
public final class SpillLockedException extends PgException {
  /** The spill whose lock is held. */
  private final String spillId;
  /** Backend pid of the holder; -1 when pg_locks no longer showed it (released in between). */
  private final int holderPid;
  /** application_name of the holder, null when not visible to this role. */
  private final String holderApplicationName;

  public SpillLockedException(String spillId, long key, int holderPid, String holderApplicationName, String holderDetails) {
    super("spill " + spillId + " is already being loaded by another session (advisory lock " + key + " held by "
        + (holderPid < 0 ? "a session that has just released it; try again" : "backend pid " + holderPid
        + (holderApplicationName == null ? ", application_name not visible to this role" : ", application_name \""
        + holderApplicationName + "\"") + holderDetails)
        + "); wait for that load to finish, or stop it (SELECT pg_terminate_backend(" + Math.max(holderPid, 0) + "))");
    this.spillId = spillId;
    this.holderPid = holderPid;
    this.holderApplicationName = holderApplicationName;
  }

  public String spillId() {
    return spillId;
  }

  public OptionalInt holderPid() {
    return holderPid < 0 ? OptionalInt.empty() : OptionalInt.of(holderPid);
  }

  public Optional<String> holderApplicationName() {
    return Optional.ofNullable(holderApplicationName);
  }
}
