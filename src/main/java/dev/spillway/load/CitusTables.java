package dev.spillway.load;

import dev.spillway.pg.CitusDdl;
import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.QualifiedName;
import dev.spillway.segment.ManifestTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Citus layout of the tables {@code --create-tables} has just created, from the manifest's
 * {@code distributeBy} and {@code reference} (the plan's {@code distribute_by:} and
 * {@code reference: true}): reference tables first, then distributed tables, each after the
 * parent it is colocated with. A distributed table whose distribution column references a
 * distributed table (distributed by its id column, as the plan validator requires) is colocated
 * with it, so the foreign key between them joins rows on one node. Tables that existed before are
 * left as they are. Stateless.
 */
final class CitusTables {
  private CitusTables() {}

  /** Whether any table of the plan asks for a Citus layout. */
  static boolean wanted(LoadPlan plan) {
    return plan.tables().stream().anyMatch(t -> t.table().reference() || t.table().distributeBy() != null);
  }

  /** The statements for the tables in {@code created} (names in the manifest), in the order they must run. */
  static List<String> statements(LoadPlan plan, Set<String> created) {
    List<String> out = new ArrayList<>();
    Map<String, TablePlan> distributed = new LinkedHashMap<>();
    for (TablePlan t : plan.tables()) {
      if (!created.contains(t.name())) {
        continue;
      }
      if (t.table().reference()) {
        out.add(CitusDdl.createReferenceTable(t.target()));
      } else if (t.table().distributeBy() != null) {
        distributed.put(t.name(), t);
      }
    }
    Set<String> done = new HashSet<>();
    while (!distributed.isEmpty()) {
      int before = distributed.size();
      for (var it = distributed.values().iterator(); it.hasNext(); ) {
        TablePlan t = it.next();
        Optional<String> parent = colocationParent(plan, t.table());
        if (parent.isPresent() && distributed.containsKey(parent.get()) && !done.contains(parent.get())) {
          continue; // its parent first
        }
        out.add(CitusDdl.createDistributedTable(t.target(), t.table().distributeBy(),
            parent.map(p -> target(plan, p))));
        done.add(t.name());
        it.remove();
      }
      if (distributed.size() == before) { // a cycle of colocations; the plan validator refuses those
        throw new IllegalStateException("distributed tables colocated in a cycle: " + distributed.keySet());
      }
    }
    return out;
  }

  /**
   * Whether {@code --create-tables} leaves the key out on Citus: the natural key's UNIQUE of a
   * table distributed by its id column, which Citus cannot enforce (it lacks the distribution
   * column). Its uniqueness within the spill is stage one's (one id per natural key); the plan
   * validator allows exactly this case.
   */
  static boolean undeclared(ManifestTable table, DeferrableObject key) {
    return table.distributeBy() != null && table.distributeBy().equals(table.idColumn())
        && key.kind() == DeferrableObject.Kind.KEY && key.definition().startsWith("UNIQUE");
  }

  /** The warning of a load into a server without the citus extension. */
  static String ignored(LoadPlan plan) {
    List<String> tables = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      if (t.table().reference()) {
        tables.add(t.target().sql() + " (reference: true)");
      } else if (t.table().distributeBy() != null) {
        tables.add(t.target().sql() + " (distribute_by: " + t.table().distributeBy() + ")");
      }
    }
    return "the server has no citus extension: the plan's Citus layout is ignored and the tables are created as plain"
        + " tables: " + String.join(", ", tables);
  }

  /** The distributed table the table's distribution column references, when that table is distributed by its id. */
  private static Optional<String> colocationParent(LoadPlan plan, ManifestTable t) {
    String parent = t.references().get(t.distributeBy());
    if (parent == null) {
      return Optional.empty();
    }
    ManifestTable p = plan.manifest().table(parent).orElseThrow();
    return p.distributeBy() != null && p.distributeBy().equals(p.idColumn()) ? Optional.of(parent) : Optional.empty();
  }

  private static QualifiedName target(LoadPlan plan, String table) {
    return plan.tables().stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow().target();
  }
}
