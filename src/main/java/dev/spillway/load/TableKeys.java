package dev.spillway.load;

import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.IndexDeferral;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What happens to a table once all its segments are committed, before its foreign keys
 * ({@link TableFinish}), on a job's connection: build the primary and unique keys and the indexes
 * recorded as pending on it, whether {@code --create-tables} created it bare or a
 * {@code --defer-indexes} load dropped them ({@link IndexDeferral#restore}). Tables that reference
 * this one add their foreign keys only after this is done, since a foreign key needs the
 * referenced key. A duplicate only the new unique index finds is a
 * {@link dev.spillway.pg.ConstraintBuildException} naming the table and the key value.
 * Immutable and thread-safe.
 */
final class TableKeys {
  /** What building a table's keys did. */
  record Result(List<DeferrableObject> built) {}

  private static final Set<DeferrableObject.Kind> KINDS = EnumSet.of(DeferrableObject.Kind.KEY,
      DeferrableObject.Kind.INDEX);

  private final IndexDeferral deferral;

  TableKeys(IndexDeferral deferral) {
    this.deferral = deferral;
  }

  Result build(Connection c, TablePlan table) {
    return new Result(deferral.restore(c, table.target(), KINDS, true));
  }
}
