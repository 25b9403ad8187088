package dev.spillway.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import dev.spillway.plan.YamlNode.YamlList;
import dev.spillway.plan.YamlNode.YamlMap;
import dev.spillway.plan.YamlNode.YamlScalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a {@link YamlNode} tree with Jackson's streaming YAML parser.
 * Duplicate keys and aliases are reported to {@link Problems} with their YAML path (an alias would
 * otherwise silently read as its anchor's name); a syntax error ends reading and becomes a single
 * problem naming the line and column.
 */
final class YamlTreeReader {
  private final Problems problems;

  YamlTreeReader(Problems problems) {
    this.problems = problems;
  }

  /** The document's root, or null when the text is a syntax error or holds no document. */
  YamlNode read(String yamlText) {
    try (JsonParser parser = new YAMLFactory().createParser(yamlText)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add("", "the plan is empty");
        return null;
      }
      YamlNode root = node(parser, "");
      if (parser.nextToken() != null) {
        problems.add("", "the plan holds more than one YAML document (line " + line(parser) + ")");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      problems.add("", where + "YAML syntax error: " + describe(e) + flowHint(describe(e)));
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("reading YAML from a string failed", e);
    }
  }

  /** Reads the value the parser currently points at. */
  private YamlNode node(JsonParser parser, String path) throws IOException {
    JsonToken token = parser.currentToken();
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      problems.add(path, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
    }
    switch (token) {
      case START_OBJECT:
        return map(parser, path);
      case START_ARRAY:
        return list(parser, path);
      case VALUE_STRING:
        return new YamlScalar(parser.getText(), YamlScalar.Kind.STRING);
      case VALUE_NUMBER_INT:
        return new YamlScalar(parser.getText(), YamlScalar.Kind.INT);
      case VALUE_NUMBER_FLOAT:
        return new YamlScalar(parser.getText(), YamlScalar.Kind.FLOAT);
      case VALUE_TRUE:
        return new YamlScalar(parser.getText(), YamlScalar.Kind.TRUE);
      case VALUE_FALSE:
        return new YamlScalar(parser.getText(), YamlScalar.Kind.FALSE);
      case VALUE_NULL:
        return new YamlScalar(null, YamlScalar.Kind.NULL);
      default:
        // embedded binary (!!binary) and the like: keep the text, plans never need it
        return new YamlScalar(parser.getText(), YamlScalar.Kind.STRING);
    }
  }

  private YamlMap map(JsonParser parser, String path) throws IOException {
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String childPath = Problems.child(path, key);
      parser.nextToken();
      YamlNode value = node(parser, childPath);
      if (entries.containsKey(key)) {
        problems.add(childPath, "duplicate key '" + key + "'");
      } else {
        entries.put(key, value);
      }
    }
    return new YamlMap(entries);
  }

  private YamlList list(JsonParser parser, String path) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(node(parser, Problems.index(path, items.size())));
    }
    return new YamlList(items);
  }

  private static int line(JsonParser parser) {
    return parser.currentLocation().getLineNr();
  }

  /**
   * For {@code {tags: text[]}}, where {@code [} opens a flow sequence in the middle of a plain
   * value: how to write it.
   */
  private static String flowHint(String problem) {
    return problem.contains("flow mapping") && problem.endsWith("got [")
        ? " (inside a flow mapping {...} quote a value holding [ ] or a comma, e.g. {tags: \"text[]\", amount:"
            + " \"numeric(10,2)\"})"
        : "";
  }

  /** SnakeYAML's own messages carry a caret picture over several lines; keep the words only. */
  private static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked) {
      String context = marked.getContext();
      return (context == null ? "" : context + ", ") + marked.getProblem();
    }
    return e.getOriginalMessage().lines().findFirst().orElse("").strip();
  }
}
