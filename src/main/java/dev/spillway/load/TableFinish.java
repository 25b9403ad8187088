package dev.spillway.load;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.ColumnSequence;
import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.FinishTable;
import dev.spillway.pg.IndexDeferral;
import dev.spillway.pg.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What happens to a table once all its segments are committed and its keys and those of every
 * table it references are built ({@link TableKeys}), on a job's connection (so tables finish in
 * parallel with {@code --jobs} &gt; 1):
 * <ol>
 *   <li>build whatever is still pending on it: the foreign keys any {@code --defer-indexes} load (of
 *       any spill) dropped or {@code --create-tables} left for after the data
 *       ({@link IndexDeferral#restore}, which validates every row); done on every load, so a load
 *       resumed after a crash in between builds them even without the option;
 *   <li>move each identity or serial sequence of a loaded column past the column's largest value
 *       ({@link Catalog#advanceSequence}, never backwards);
 *   <li>{@code ANALYZE} the table, when analyze is on and this run loaded any of its segments or
 *       an earlier run loaded them but stopped before finishing the table;
 *   <li>record the table finished for the spill ({@link FinishTable}).
 * </ol>
 * Immutable and thread-safe.
 */
final class TableFinish {
  /** What finishing a table did. */
  record Result(List<DeferrableObject> restored, int sequencesAdvanced, boolean analyzed) {}

  private final String spillId;
  private final IndexDeferral deferral;
  private final FinishTable finishes;
  private final boolean analyze;

  TableFinish(String spillId, IndexDeferral deferral, FinishTable finishes, boolean analyze) {
    this.spillId = spillId;
    this.deferral = deferral;
    this.finishes = finishes;
    this.analyze = analyze;
  }

  /** @param loadedNow whether this run loaded any of the table's segments */
  Result finish(Connection c, TablePlan table, boolean loadedNow) {
    // loaded by an earlier run that stopped before finishing it (a crash after the last commit)
    boolean unfinished = loadedNow || !finishes.finished(c, spillId, table.target());
    List<DeferrableObject> restored = deferral.restore(c, table.target());
    Catalog catalog = new Catalog(c);
    int advanced = 0;
    for (ColumnSequence s : catalog.sequences(table.target())) {
      if (table.columnNames().contains(s.column()) && catalog.advanceSequence(s).isPresent()) {
        advanced++;
      }
    }
    boolean analyzed = analyze && unfinished;
    if (analyzed) {
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE " + table.target().sql());
      } catch (SQLException e) {
        throw SqlErrors.wrap("analyzing " + table.target(), e);
      }
    }
    finishes.record(c, spillId, table.target());
    return new Result(restored, advanced, analyzed);
  }
}
