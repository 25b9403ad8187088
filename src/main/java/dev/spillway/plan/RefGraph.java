package dev.spillway.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The foreign keys a plan's refs imply: table.column -> referenced table, each with the YAML path
 * where it first appears. Reports a column that refs two different tables. Self-references
 * ({@code a -> a}) and cycles ({@code a -> b -> a}) are valid: stage one resolves refs whatever
 * the order of the rows. Parse-time only.
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


}
