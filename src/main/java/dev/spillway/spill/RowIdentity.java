package dev.spillway.spill;

import dev.spillway.idmap.NaturalKey;
import java.util.List;
import java.util.OptionalLong;

/**
 * Decides whether a finished row is new for its table, and gives it its id. One implementation per
 * kind of table: an id and a key ({@link KeyedIdentity}), a key only ({@link LinkIdentity}), an id
 * only ({@link SequenceIdentity}), neither ({@link #NONE}). Single-threaded.
 */
interface RowIdentity {
  /**
   * Claims the row (values by column ordinal; the id column is filled here): returns
   * {@link RowStatus#WRITTEN} when the row is to be written, else {@link RowStatus#DUPLICATE},
   * {@link RowStatus#REJECTED} or {@link RowStatus#FATAL} with {@code problem} set.
   */
  RowStatus claim(Object[] row, RowProblem problem);

  /**
   * What {@link #claim} would answer for the row, changing nothing: asked before the row's
   * {@code missing: create} refs create their rows, so a row the table drops creates nothing.
   * {@code keyHoldsCreatedId}: a key column will hold the id of a row created for this row, so
   * the key is new (no earlier row can hold that id) and the row will be written; that column of
   * {@code row} is not filled yet. A key claimed by an earlier row of the same record
   * ({@link RecordScope}) is a duplicate too; a key that a parked row holds (pending, see
   * {@link KeyStates}) is a {@link RowStatus#CONTENDER}; a key that would be written, or contended
   * for, is added to that scope.
   * The default suits tables that keep every row.
   */
  default RowStatus peek(Object[] row, boolean keyHoldsCreatedId, RowProblem problem) {
    return RowStatus.WRITTEN;
  }

  /**
   * Reserves the key of a row whose record is parked, after {@link #peek} said the row would be
   * written: the key gets its id now (so ids follow first appearance) and is pending until the
   * resolution pass writes the row with {@link #claimReserved}. Only for tables with a key. Returns
   * the encoded key (reused by the next call).
   */
  default NaturalKey reserve(Object[] row) {
    throw new IllegalStateException("this table has no key to reserve");
  }

  /**
   * Records a row whose record is parked, after {@link #peek} said {@link RowStatus#CONTENDER}: the
   * row holds the pending key too ({@link KeyStates#addContender}). Returns the encoded key (reused
   * by the next call).
   */
  default NaturalKey contend(Object[] row) {
    throw new IllegalStateException("this table has no key to contend for");
  }

  /**
   * The status of a row whose key another row owns, per the table's {@code on_duplicate}:
   * DUPLICATE, or REJECTED or FATAL with {@code problem} set.
   */
  default RowStatus duplicate(Object[] row, RowProblem problem) {
    throw new IllegalStateException("this table has no key");
  }

  /** Fills the id of a row whose key was {@link #reserve}d; it is then written. */
  default void claimReserved(Object[] row) {
    throw new IllegalStateException("this table has no key to reserve");
  }

  /** How a table learns about the rows already in the database (incremental loads). */
  enum Seeding {
    /** They do not matter to it. */
    NONE,
    /** Only the largest id matters ({@link #seedMaxId}): a table with an id and no key. */
    MAX_ID,
    /** Every row's id and key matter ({@link #seed}). */
    ROWS
  }

  /** What seeding scans for this table. */
  default Seeding seeding() {
    return Seeding.NONE;
  }

  /** Records one row already in the database (before the first {@link #claim}); for {@link Seeding#ROWS}. */
  default void seed(OptionalLong id, List<String> keyParts) {
    throw new IllegalStateException("this table takes no existing rows");
  }

  /** Records the largest id already in the database (before the first {@link #claim}); for {@link Seeding#MAX_ID}. */
  default void seedMaxId(long maxId) {
    throw new IllegalStateException("this table takes no existing maximum id");
  }

  /** Every row is new; nothing to number. */
  RowIdentity NONE = (row, problem) -> RowStatus.WRITTEN;
}
