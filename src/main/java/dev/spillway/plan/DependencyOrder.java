package dev.spillway.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders tables parents first: a table comes after every table it references (its
 * {@link TableSpec#references()}), and otherwise keeps declaration order, so the order is stable.
 * Refs may form cycles (a self-reference, {@code a -> b -> a}): when no table has all its parents
 * placed, the first unplaced table in declaration order is placed next, which breaks the cycle
 * deterministically (its refs into the cycle point at tables placed after it; a self-reference is
 * ignored). Stage one does not depend on this order for correctness: ids are assigned whatever the
 * order of rows.
 */
final class DependencyOrder {
  private DependencyOrder() {}

  /** {@code tables} parents first, cycles broken as the class comment says. */
  static List<TableSpec> sort(List<TableSpec> tables) {
    List<TableSpec> ordered = new ArrayList<>(tables.size());
    Set<String> placed = new HashSet<>();
    Set<String> declared = new HashSet<>();
    tables.forEach(t -> declared.add(t.name()));
    while (ordered.size() < tables.size()) {
      TableSpec next = null;
      for (TableSpec t : tables) {
        if (!placed.contains(t.name()) && parentsPlaced(t, placed, declared)) {
          next = t;
          break;
        }
      }
      if (next == null) {
        next = tables.stream().filter(t -> !placed.contains(t.name())).findFirst().orElseThrow();
      }
      ordered.add(next);
      placed.add(next.name());
    }
    return ordered;
  }

  private static boolean parentsPlaced(TableSpec table, Set<String> placed, Set<String> declared) {
    for (String parent : table.references().values()) {
      if (declared.contains(parent) && !placed.contains(parent) && !parent.equals(table.name())) {
        return false;
      }
    }
    return true;
  }
}
