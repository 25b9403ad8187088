package dev.spillway.spill;

/**
 * Which pass stage one is in, shared by every table of a run, and the keys claimed by the rows of
 * the record being checked ({@link RecordScope}). The pass decides what a ref whose key is not
 * (yet) known gives:
 * <ul>
 *   <li>{@link Mode#READ}, while the sources are read: {@link RefResult#UNRESOLVED} (the record is
 *       parked), or {@link RefResult#CREATE} for {@code missing: create}; a key reserved by a parked
 *       row is not known yet either;
 *   <li>{@link Mode#CHECK}, the resolution pass's sweeps that decide which parked records survive:
 *       the ref's {@code missing:} policy, nothing created; a key is known when the id map has it
 *       and it is not lost (its reserving row was dropped);
 *   <li>{@link Mode#DECIDE}, the resolution pass writing the parked records it kept: as CHECK, and
 *       rows are created; keys created during this pass are known only to {@code create} refs, so
 *       the decisions agree with CHECK's.
 * </ul>
 * Single-threaded.
 */
final class ResolveState {
  enum Mode { READ, CHECK, DECIDE }

  /** The current pass. */
  private Mode mode = Mode.READ;
  /** Keys claimed by earlier rows of the record being checked. */
  private final RecordScope scope = new RecordScope();
  /**
   * Nonzero during a sweep that settles contested keys ({@link KeyStates#claim}): the sweep's
   * number; the first holder of a key in the sweep owns it, later ones are its duplicates.
   */
  private int claimSweep;

  Mode mode() {
    return mode;
  }

  void mode(Mode newMode) {
    this.mode = newMode;
  }

  RecordScope scope() {
    return scope;
  }

  int claimSweep() {
    return claimSweep;
  }

  /** Starts a sweep whose holders claim their contested keys ({@code sweep} > 0, new per sweep), or ends it (0). */
  void claimSweep(int sweep) {
    this.claimSweep = sweep;
  }
}
