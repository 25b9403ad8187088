package dev.spillway.load;

import dev.spillway.pg.TargetChecks.OtherSpill;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Another spill's rows are already in target tables this spill has not loaded into yet (typically
 * the same data spilled again with {@code --force}): loading would add this spill's rows to
 * theirs, and tables without a key would hold rows twice. Refused before anything is created or
 * loaded, naming each other spill, the table, how many of its segments and rows are there and
 * when they were loaded, and the two ways on: {@code --replace} or {@code --append}. Exit code 2.
 */
public final class OtherSpillLoadedException extends LoadOptionsException {
  private final List<OtherSpill> others;

  OtherSpillLoadedException(String spillDirectory, String spillId, List<OtherSpill> others) {
    super("spill " + spillId + " (" + spillDirectory + ") would load into tables that hold the rows of another spill: "
        + others.stream().map(o -> o.tableName() + " holds " + o.segments() + " segments (" + o.rows() + " rows) of spill "
            + o.spillId() + ", last loaded at " + o.lastLoadedAt()).collect(Collectors.joining("; "))
        + ". Loading this spill as well would add its rows to those (rows twice if it is the same data spilled again);"
        + " nothing was loaded. Use --replace to empty these tables and load this spill in their place (after a spill"
        + " again or a run that stopped part way), or --append to add its rows to them (only for new rows: an"
        + " incremental spill).");
    this.others = List.copyOf(others);
  }

  public List<OtherSpill> others() {
    return others;
  }
}
