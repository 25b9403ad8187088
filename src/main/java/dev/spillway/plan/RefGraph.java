package dev.spillway.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The foreign keys a plan's refs imply: table.column -> referenced table, each with the YAML path
 * where it first appears. Reports a column that refs two different tables and every cycle
 * ({@code a -> b -> a}, or {@code a -> a}), since tables must load parents first. Parse-time only.
 */
final class RefGraph {
  /** table -> (column -> referenced table), in first-seen order. */
  private final Map<String, Map<String, String>> references = new LinkedHashMap<>();
  /** "table.column" -> where the ref was first seen. */
  private final Map<String, String> firstPath = new LinkedHashMap<>();
  private final Problems problems;

  RefGraph(Problems problems) {
    this.problems = problems;
  }

  /** Records that {@code table.column} holds ids of {@code referenced}, as seen at {@code path}. */
  void add(String table, String column, String referenced, String path) {
    Map<String, String> columns = references.computeIfAbsent(table, t -> new LinkedHashMap<>());
    String earlier = columns.get(column);
    if (earlier == null) {
      columns.put(column, referenced);
      firstPath.put(table + "." + column, path);
    } else if (!earlier.equals(referenced)) {
      problems.add(path, "column '" + column + "' of table '" + table + "' already refs table '" + earlier + "' (at "
          + firstPath.get(table + "." + column) + "); a column can reference one table only");
    }
  }

  /** column -> referenced table for {@code table}; empty when it references nothing. */
  Map<String, String> referencesOf(String table) {
    return references.getOrDefault(table, Map.of());
  }

  /** Reports each cycle once, at the path of its first edge, listing the tables around it. */
  void reportCycles(List<String> tablesInOrder) {
    Set<String> done = new HashSet<>();
    Set<Set<String>> reported = new HashSet<>();
    for (String table : tablesInOrder) {
      walk(table, new ArrayList<>(), done, reported);
    }
  }

  /** Depth-first search; {@code stack} is the current path of tables. */
  private void walk(String table, List<String> stack, Set<String> done, Set<Set<String>> reported) {
    int onStack = stack.indexOf(table);
    if (onStack >= 0) {
      List<String> cycle = new ArrayList<>(stack.subList(onStack, stack.size()));
      if (reported.add(new HashSet<>(cycle))) {
        cycle.add(table);
        String from = cycle.get(0);
        String column = columnTowards(from, cycle.get(1));
        problems.add(firstPath.get(from + "." + column), "ref cycle: " + String.join(" -> ", cycle)
            + "; tables are loaded parents first, so refs must not form a cycle");
      }
      return;
    }
    if (done.contains(table)) {
      return;
    }
    stack.add(table);
    for (String referenced : referencesOf(table).values()) {
      walk(referenced, stack, done, reported);
    }
    stack.remove(stack.size() - 1);
    done.add(table);
  }

  private String columnTowards(String from, String to) {
    for (Map.Entry<String, String> e : referencesOf(from).entrySet()) {
      if (e.getValue().equals(to)) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("no edge " + from + " -> " + to);
  }
}
