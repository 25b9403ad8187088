package dev.spillway.load;

import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.IndexDeferral;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;

/**
 * What happens to a table just before this run loads its first segment, on a job's connection:
 * <ul>
 *   <li>with {@code --defer-indexes}: record and drop its secondary indexes and foreign keys
 *       ({@link IndexDeferral#defer}); objects an earlier load (of any spill) left dropped stay
 *       dropped, and {@link TableFinish} restores all of them;
 *   <li>without: first recreate whatever an earlier {@code --defer-indexes} load of any spill left
 *       dropped on the table ({@link IndexDeferral#restore}), so its rows are checked against the
 *       table's unique indexes and foreign keys as they load. What {@code --create-tables} builds
 *       after the data of a table it created stays pending ({@link TableKeys}, {@link TableFinish}).
 *       Except when a {@code --defer-indexes} load of this same spill dropped them and was stopped:
 *       the resumed load keeps them dropped until the table's last segment ({@link TableFinish}),
 *       since rows already loaded may reference rows of segments still to come.
 * </ul>
 * Deferring per table, just before its first segment, keeps every other table's indexes in place
 * until it is its turn. Immutable and thread-safe.
 */
final class TableStart {
  /** What starting a table did. */
  record Result(List<DeferrableObject> restored, List<DeferrableObject> deferred) {}

  private final String spillId;
  private final IndexDeferral deferral;
  private final boolean deferIndexes;

  TableStart(String spillId, IndexDeferral deferral, boolean deferIndexes) {
    this.spillId = spillId;
    this.deferral = deferral;
    this.deferIndexes = deferIndexes;
  }

  Result start(Connection c, TablePlan table) {
    if (deferIndexes) {
      return new Result(List.of(), deferral.defer(c, spillId, table.target()));
    }
    if (deferral.deferredBy(c, spillId, table.target())) {
      return new Result(List.of(), List.of()); // a resumed --defer-indexes load of this spill: TableFinish restores them
    }
    return new Result(deferral.restore(c, table.target(), EnumSet.allOf(DeferrableObject.Kind.class), false), List.of());
  }
}
