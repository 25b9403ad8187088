package dev.spillway.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's YAML document as a small tree that keeps what Jackson's data binding would lose: the
 * exact scalar text ({@code 1.10} stays {@code 1.10}, {@code 010} stays {@code 010}) and mapping
 * order. Built by {@link YamlTreeReader}; immutable.
 */
sealed interface YamlNode {

  /** What a user would call this node in an error message: "a map", "a list", "a scalar". */
  String kindName();

  /** A mapping in document order; keys are unique (duplicates are reported while reading). */
  record YamlMap(Map<String, YamlNode> entries) implements YamlNode {
    public YamlMap {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String kindName() {
      return "a map";
    }
  }

  /** A sequence in document order. */
  record YamlList(List<YamlNode> items) implements YamlNode {
    public YamlList {
      items = List.copyOf(items);
    }

    @Override
    public String kindName() {
      return "a list";
    }
  }

  /**
   * A scalar exactly as written, without quotes.
   *
   * @param text the scalar's text; null for YAML null ({@code ~}, {@code null}, or nothing)
   * @param kind how YAML typed it: a quoted {@code 'true'} is a STRING, a bare {@code true} is TRUE
   */
  record YamlScalar(String text, Kind kind) implements YamlNode {
    enum Kind { STRING, INT, FLOAT, TRUE, FALSE, NULL }

    @Override
    public String kindName() {
      return kind == Kind.NULL ? "null" : "a scalar";
    }

    boolean isNull() {
      return kind == Kind.NULL;
    }
  }
}
