package dev.spillway.plan;

import dev.spillway.plan.YamlNode.YamlList;
import dev.spillway.plan.YamlNode.YamlMap;
import dev.spillway.plan.YamlNode.YamlScalar;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one YAML map at a known path, reporting unknown fields (typos such as
 * {@code colums}), missing required fields and wrong shapes to {@link Problems}. Getters return
 * null after reporting a problem, so parsing goes on and every problem is found in one run.
 */
final class MapReader {
  private final YamlMap map;
  private final String path;
  private final Problems problems;

  private MapReader(YamlMap map, String path, Problems problems) {
    this.map = map;
    this.path = path;
    this.problems = problems;
  }

  /**
   * A reader for {@code node}, or null (problem reported) when it is not a map. Every key outside
   * {@code allowedKeys} is reported as an unknown field.
   */
  static MapReader of(YamlNode node, String path, Problems problems, List<String> allowedKeys) {
    if (!(node instanceof YamlMap m)) {
      problems.add(path, "expected a map with fields " + String.join(", ", allowedKeys) + ", got " + describe(node));
      return null;
    }
    Set<String> allowed = Set.copyOf(allowedKeys);
    for (String key : m.entries().keySet()) {
      if (!allowed.contains(key)) {
        problems.add(Problems.child(path, key), "unknown field" + Problems.didYouMean(key, allowedKeys)
            + "; expected one of: " + String.join(", ", allowedKeys));
      }
    }
    return new MapReader(m, path, problems);
  }

  String path() {
    return path;
  }

  String pathOf(String key) {
    return Problems.child(path, key);
  }

  boolean has(String key) {
    return map.entries().containsKey(key);
  }

  /** The field's node, or null after reporting it missing. */
  YamlNode required(String key) {
    YamlNode node = map.entries().get(key);
    if (node == null) {
      problems.add(pathOf(key), "required field is missing");
    }
    return node;
  }

  /** The field's node, or null when absent. */
  YamlNode optional(String key) {
    return map.entries().get(key);
  }

  /** A required non-empty text scalar, or null after reporting. */
  String requiredText(String key) {
    YamlNode node = required(key);
    return node == null ? null : text(node, pathOf(key), problems);
  }

  /** An optional non-empty text scalar: {@code dflt} when absent, null after reporting a bad one. */
  String optionalText(String key, String dflt) {
    YamlNode node = optional(key);
    return node == null ? dflt : text(node, pathOf(key), problems);
  }

  /** A required non-empty map, or null after reporting. */
  YamlMap requiredMap(String key) {
    YamlNode node = required(key);
    if (node == null) {
      return null;
    }
    if (!(node instanceof YamlMap m)) {
      problems.add(pathOf(key), "expected a map, got " + describe(node));
      return null;
    }
    if (m.entries().isEmpty()) {
      problems.add(pathOf(key), "must not be empty");
      return null;
    }
    return m;
  }

  /** A non-empty list at {@code key} (required or not), or null after reporting / when absent. */
  YamlList list(String key, boolean required) {
    YamlNode node = required ? required(key) : optional(key);
    if (node == null) {
      return null;
    }
    if (!(node instanceof YamlList l)) {
      problems.add(pathOf(key), "expected a list, got " + describe(node));
      return null;
    }
    if (l.items().isEmpty()) {
      problems.add(pathOf(key), "must not be empty");
      return null;
    }
    return l;
  }

  /** A non-empty text scalar, or null after reporting. Numbers and booleans count as their text. */
  static String text(YamlNode node, String path, Problems problems) {
    if (node instanceof YamlScalar s && !s.isNull()) {
      if (s.text().isEmpty()) {
        problems.add(path, "must not be empty");
        return null;
      }
      return s.text();
    }
    problems.add(path, "expected a text value, got " + describe(node));
    return null;
  }

  /** "a map", "a list", "null", or the scalar itself in quotes. */
  static String describe(YamlNode node) {
    if (node instanceof YamlScalar s && !s.isNull()) {
      return "'" + s.text() + "'";
    }
    return node.kindName();
  }
}
