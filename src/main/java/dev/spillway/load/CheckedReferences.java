package dev.spillway.load;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.DeferredObjectTable;
import dev.spillway.pg.ForeignKeyInfo;
import dev.spillway.pg.QualifiedName;
import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tables have their foreign keys checked row by row while their segments load, decided once
 * the tables are set up ({@link TableSetup}), on the control connection: an existing table with
 * a foreign key (or one a {@code --defer-indexes} load left to restore, which {@link TableStart}
 * restores), unless {@code --defer-indexes} drops them for the load. A table {@code --create-tables}
 * created has none until after the data. Those tables load parents first ({@link LoadQueue}).
 *
 * <p>Refused here ({@link LoadOptionsException}, before any row is loaded): such a foreign key
 * within a cycle of the spill's references (a table referencing itself, or a -&gt; b -&gt; a).
 * Each segment commits in its own transaction, so a row may reference a row of a later segment of
 * the cycle; even a {@code DEFERRABLE} key is checked at each segment's commit. The message names the
 * constraint and says what to do: {@code --defer-indexes}, which drops the key before the load and
 * adds it back, validating every row, once every table of the cycle is loaded.
 */
final class CheckedReferences {
  private CheckedReferences() {}

  /** @return names (as in the manifest) of the tables whose foreign keys are checked while they load */
  static Set<String> of(Connection c, LoadPlan plan, List<TablePlan> pending, LoadOptions options,
      DeferredObjectTable deferred) {
    Set<String> checked = new HashSet<>();
    if (options.deferIndexes()) {
      return checked;
    }
    Map<String, TablePlan> byTarget = new HashMap<>();
    plan.tables().forEach(t -> byTarget.put(t.target().sql(), t));
    // two round trips for all tables, not three per table
    Map<QualifiedName, List<ForeignKeyInfo>> keysOf = new Catalog(c).foreignKeys(
        pending.stream().map(TablePlan::target).toList());
    Set<String> restoredAtStart = deferred.tablesWithPending(c, EnumSet.of(DeferrableObject.Kind.FOREIGN_KEY), false);
    for (TablePlan t : pending) {
      List<ForeignKeyInfo> keys = keysOf.getOrDefault(t.target(), List.of());
      if (keys.isEmpty() && !restoredAtStart.contains(t.target().sql())) {
        continue;
      }
      checked.add(t.name());
      for (ForeignKeyInfo key : keys) {
        TablePlan referenced = byTarget.get(key.referencedTable().sql());
        if (referenced != null && inCycle(plan, t, referenced)) {
          throw cycle(plan, t, key, referenced);
        }
      }
    }
    return checked;
  }

  /**
   * Whether the foreign key from {@code t} to {@code referenced} closes a cycle of the spill's
   * references: {@code t} references itself, or following references from {@code referenced}
   * arrives back at {@code t}.
   */
  private static boolean inCycle(LoadPlan plan, TablePlan t, TablePlan referenced) {
    if (referenced.name().equals(t.name())) {
      return t.selfReferencing();
    }
    Map<String, TablePlan> byName = new HashMap<>();
    plan.tables().forEach(p -> byName.put(p.name(), p));
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(referenced.name()));
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (name.equals(t.name())) {
        return true;
      }
      if (seen.add(name)) {
        todo.addAll(byName.get(name).parents());
      }
    }
    return false;
  }

  private static LoadOptionsException cycle(LoadPlan plan, TablePlan t, ForeignKeyInfo key, TablePlan referenced) {
    String path = t.name().equals(referenced.name()) ? t.name() + " -> " + t.name()
        : t.name() + " -> " + referenced.name() + " -> ... -> " + t.name();
    QualifiedName table = t.target();
    return new LoadOptionsException("table " + table + " has foreign key \"" + key.name() + "\"" + (key.deferrable()
        ? " (DEFERRABLE)" : "") + " referencing " + key.referencedTable() + ", and the rows of spill directory "
        + plan.dir() + " reference each other in a cycle (" + path + "): each segment commits in its own transaction,"
        + " so a row may reference a row of a later segment, which the key refuses" + (key.deferrable()
        ? " even deferred (it is checked at each segment's commit)" : "") + ". Load with --defer-indexes: the foreign"
        + " key is dropped before the load and added back, checking every row, once every table of the cycle is"
        + " loaded (or drop the constraint yourself and add it after the load)");
  }
}
