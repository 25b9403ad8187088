package dev.spillway.spill;

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

  /** Whether rows already in the database matter to this table (seeding scans them). */
  default boolean wantsExistingRows() {
    return false;
  }

  /** Records one row already in the database (before the first {@link #claim}). */
  default void seed(OptionalLong id, List<String> keyParts) {
    throw new IllegalStateException("this table takes no existing rows");
  }

  /** Every row is new; nothing to number. */
  RowIdentity NONE = (row, problem) -> RowStatus.WRITTEN;
}
