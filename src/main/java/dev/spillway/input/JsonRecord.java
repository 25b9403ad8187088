package dev.spillway.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.plan.JsonElements;
import dev.spillway.plan.JsonPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One JSON line: its fields are the values of the source's JSON paths (field i is path i of
 * {@code SourceSpec.jsonPaths()}), each computed when first read; it keeps the parsed value for
 * for_each over arrays and for {@code $_.name} ({@link JsonElements}). Single-threaded (the
 * current for_each elements are state).
 */
final class JsonRecord implements SourceRecord, JsonElements {
  private final Path file;
  private final long line;
  /** the line's JSON value. */
  private final JsonNode root;
  /** the compiled paths, one per field. */
  private final JsonPath[] paths;
  /** each path's text (null for SQL NULL), once {@link #computed}. */
  private final String[] values;
  /** which values are computed: each on first use, so an array read only by for_each is never serialized. */
  private final boolean[] computed;
  /** the elements of the last {@link #elements} call, and their texts. */
  private List<JsonNode> elementNodes = List.of();
  private List<String> elementTexts = List.of();
  /** where the last element lookup matched: rows are built in element order. */
  private int elementCursor;

  JsonRecord(Path file, long line, JsonNode root, JsonPath[] paths) {
    this.file = file;
    this.line = line;
    this.root = root;
    this.paths = paths;
    this.values = new String[paths.length];
    this.computed = new boolean[paths.length];
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public long line() {
    return line;
  }

  @Override
  public int fieldCount() {
    return values.length;
  }

  @Override
  public String value(int index) {
    if (!computed[index]) {
      values[index] = paths[index].textFrom(root);
      computed[index] = true;
    }
    return values[index];
  }

  @Override
  public List<String> values() {
    String[] all = new String[values.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = value(i);
    }
    return Collections.unmodifiableList(Arrays.asList(all));
  }

  @Override
  public List<String> elements(int index) {
    JsonNode node = paths[index].find(root);
    List<JsonNode> nodes;
    if (node == null || node.isNull()) {
      nodes = List.of();
    } else if (node.isArray()) {
      nodes = new ArrayList<>(node.size());
      node.forEach(nodes::add);
    } else if (node.isObject()) {
      nodes = List.of(node);
    } else {
      return null;
    }
    List<String> texts = new ArrayList<>(nodes.size());
    for (JsonNode n : nodes) {
      texts.add(JsonPath.text(n));
    }
    elementNodes = nodes;
    elementTexts = texts;
    elementCursor = 0;
    return Collections.unmodifiableList(texts);
  }

  @Override
  public String elementText(JsonPath path, String element) {
    int n = elementTexts.size();
    for (int k = 0; k < n; k++) { // the same String instance the element list handed out, in order
      int i = (elementCursor + k) % n;
      if (elementTexts.get(i) == element) {
        elementCursor = i;
        return path.textFrom(elementNodes.get(i));
      }
    }
    throw new IllegalStateException("element " + element + " of " + file + " line " + line + " is not among the current "
        + "for_each elements " + elementTexts);
  }

  @Override
  public String toString() {
    return file + " line " + line + ": " + root;
  }
}
