package dev.spillway.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders tables parents first: a table comes after every table it references (its
 * {@link TableSpec#references()}), and otherwise keeps declaration order, so the order is stable.
 */
final class DependencyOrder {
  private DependencyOrder() {}

  /** {@code tables} parents first; throws IllegalStateException on a cycle (a valid plan has none). */
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
        throw new IllegalStateException("ref cycle among tables " + tables.stream().map(TableSpec::name)
            .filter(n -> !placed.contains(n)).toList());
      }
      ordered.add(next);
      placed.add(next.name());
    }
    return ordered;
  }

  private static boolean parentsPlaced(TableSpec table, Set<String> placed, Set<String> declared) {
    for (String parent : table.references().values()) {
      if (declared.contains(parent) && !placed.contains(parent)) {
        return false;
      }
    }
    return true;
  }
}
