package dev.spillway.load;

import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.TargetChecks;
import dev.spillway.pg.TargetChecks.OtherSpill;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a re-spill from adding its rows to an earlier spill's (issue 10, item 1). {@code spill
 * --force} gives the same data a new spill id, so the earlier progress rows do not match it and
 * resuming cannot help; but they still say which tables hold another spill's rows. Before anything
 * is created or loaded, on the control connection:
 * <ul>
 *   <li>{@link OtherSpillsMode#REFUSE}: any such table is an {@link OtherSpillLoadedException};
 *   <li>{@link OtherSpillsMode#REPLACE}: every target table this spill has loaded nothing into yet is
 *       emptied, whatever it holds (another spill's rows, rows inserted by other means), all in one
 *       {@code TRUNCATE} committed before the first segment, with a warning per table that held rows
 *       naming it and their count. A crash after it
 *       leaves empty tables and no progress of this spill: the next run (with or without
 *       {@code --replace}) loads everything, and a table this spill loaded into is never emptied;
 *   <li>{@link OtherSpillsMode#APPEND}: nothing is checked.
 * </ul>
 * Immutable.
 */
final class OtherSpills {
  private final TargetChecks checks;
  private final OtherSpillsMode mode;

  OtherSpills(TargetChecks checks, OtherSpillsMode mode) {
    this.checks = checks;
    this.mode = mode;
  }

  /**
   * @return the tables {@link #replace} empties (none unless {@code --replace})
   * @throws OtherSpillLoadedException in mode REFUSE when another spill's rows are in a target table
   */
  List<QualifiedName> check(Connection c, LoadPlan plan, LoadedSegments loaded) {
    if (mode == OtherSpillsMode.APPEND) {
      return List.of();
    }
    Set<String> targets = plan.tables().stream().map(t -> t.target().sql()).collect(Collectors.toSet());
    if (mode == OtherSpillsMode.REFUSE) {
      List<OtherSpill> others = checks.otherSpills(c, plan.spillId(), targets);
      if (!others.isEmpty()) {
        throw new OtherSpillLoadedException(plan.dir().toString(), plan.spillId(), others);
      }
      return List.of();
    }
    List<QualifiedName> untouched = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      if (t.segments().stream().noneMatch(s -> loaded.contains(t, s))) {
        untouched.add(t.target());
      }
    }
    return untouched;
  }

  /**
   * Empties {@code tables} (those of them that exist) in one committed transaction, whatever they
   * hold: another spill's rows or any others.
   *
   * @return a warning for the user per table that held rows, naming it and how many went
   */
  List<String> replace(Connection c, String spillId, List<QualifiedName> tables) {
    List<QualifiedName> existing = new ArrayList<>();
    for (QualifiedName t : tables) {
      if (exists(c, t)) {
        existing.add(t);
      }
    }
    List<String> warnings = new ArrayList<>();
    for (TargetChecks.Emptied e : TargetChecks.truncate(c, existing)) {
      if (e.rows() > 0) {
        warnings.add("--replace emptied " + e.table().sql() + " (TRUNCATE of its "
            + (e.more() ? "more than " + String.format(Locale.ROOT, "%,d", TargetChecks.COUNT_LIMIT)
                : String.format(Locale.ROOT, "%,d", e.rows())) + " rows) before loading spill " + spillId + " into it");
      }
    }
    return warnings;
  }

  private static boolean exists(Connection c, QualifiedName table) {
    try (var ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, table.sql());
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw dev.spillway.pg.SqlErrors.wrap("looking up " + table.sql(), e);
    }
  }
}
