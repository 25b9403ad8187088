package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path into a JSON value, compiled once when the plan is parsed (the row loop never parses a path
 * string): {@code $.} is the whole record, {@code $.a.b} member {@code b} of member {@code a},
 * {@code $.a[0]} the first element of array {@code a}, {@code $.a["b.c"]} a member whose name has
 * characters a plain step cannot hold ({@code . [ ] "}; inside the quotes {@code \"} and {@code \\}).
 * {@code $_.name} and {@code $_[0]} start at the current {@code for_each} element instead of the
 * record. Immutable.
 *
 * @param spelling the path as written, for messages
 * @param element  true when it starts at the for_each element ({@code $_}), false at the record ({@code $})
 * @param steps    member names ({@link String}) and array indexes ({@link Integer}), outermost first
 */
public record JsonPath(String spelling, boolean element, List<Object> steps) {
  /** Reads value texts back (thread-safe; holds no state between parsers). */
  private static final JsonFactory VALUES = new JsonFactory();

  public JsonPath {
    Objects.requireNonNull(spelling, "spelling");
    steps = List.copyOf(steps);
    for (Object step : steps) {
      checkArgument(step instanceof String || step instanceof Integer i && i >= 0, "bad step %s in %s", step, spelling);
    }
  }

  /** True when {@code text} is written as a JSON path ({@code $.}, {@code $[}, {@code $_.}, {@code $_[} at the start). */
  public static boolean looksLikePath(String text) {
    return text.startsWith("$.") || text.startsWith("$[") || text.startsWith("$_.") || text.startsWith("$_[");
  }

  /**
   * Compiles {@code text}; throws {@link IllegalArgumentException} saying what is wrong and where.
   * {@code $.} alone (and {@code $_.}) is the root itself.
   */
  public static JsonPath parse(String text) {
    checkArgument(looksLikePath(text), "not a JSON path: %s", text);
    boolean element = text.startsWith("$_");
    int at = element ? 2 : 1;
    List<Object> steps = new ArrayList<>();
    if (text.length() == at + 1 && text.charAt(at) == '.') {
      return new JsonPath(text, element, steps);
    }
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '.') {
        int end = at + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        String name = text.substring(at + 1, end);
        if (name.isEmpty()) {
          throw new IllegalArgumentException("empty member name at character " + (at + 2) + " of " + text);
        }
        if (name.indexOf(']') >= 0 || name.indexOf('"') >= 0) {
          throw new IllegalArgumentException("member name '" + name + "' in " + text + " holds ] or \"; write it as [\"...\"]");
        }
        steps.add(name);
        at = end;
      } else if (c == '[') {
        at = bracket(text, at, steps);
      } else {
        throw new IllegalArgumentException("expected . or [ at character " + (at + 1) + " of " + text);
      }
    }
    return new JsonPath(text, element, steps);
  }

  /** Parses {@code [digits]} or {@code ["name"]} at {@code open}; returns the index after it. */
  private static int bracket(String text, int open, List<Object> steps) {
    int at = open + 1;
    if (at < text.length() && text.charAt(at) == '"') {
      StringBuilder name = new StringBuilder();
      at++;
      while (at < text.length() && text.charAt(at) != '"') {
        char c = text.charAt(at++);
        if (c == '\\' && at < text.length()) {
          c = text.charAt(at++);
        }
        name.append(c);
      }
      if (at + 1 >= text.length() || text.charAt(at + 1) != ']') {
        throw new IllegalArgumentException("unterminated [\"...\"] at character " + (open + 1) + " of " + text);
      }
      steps.add(name.toString());
      return at + 2;
    }
    int close = text.indexOf(']', at);
    String digits = close < 0 ? "" : text.substring(at, close);
    if (digits.isEmpty() || !digits.chars().allMatch(d -> d >= '0' && d <= '9') || digits.length() > 9) {
      throw new IllegalArgumentException("expected an array index such as [0] or a quoted name such as [\"a.b\"] at character "
          + (open + 1) + " of " + text);
    }
    steps.add(Integer.parseInt(digits));
    return close + 1;
  }

  /** The value this path leads to from {@code root}, or null when a step is missing (or not the right kind). */
  public JsonNode find(JsonNode root) {
    JsonNode node = root;
    for (int i = 0; i < steps.size() && node != null; i++) {
      Object step = steps.get(i);
      node = step instanceof String name ? (node.isObject() ? node.get(name) : null)
          : node.isArray() ? node.get((Integer) step) : null;
    }
    return node;
  }

  /** This path's value from {@code root} as the text a column receives: see {@link #text(JsonNode)}. */
  public String textFrom(JsonNode root) {
    return text(find(root));
  }

  /**
   * The text a column receives for a JSON value: a string's text, a number as written in the
   * input, {@code true}/{@code false}, NULL for JSON null and for a missing value, and an object or
   * array as compact JSON text (valid for json, jsonb and text columns).
   */
  public static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isContainerNode()) {
      return node.toString();
    }
    return node.asText();
  }

  /**
   * {@code text} read as one JSON value (numbers kept as written, see {@link JsonTree}), or null
   * when it is not exactly one JSON value (a string's text): for values whose record is not at
   * hand, only their text (a record parked and replayed from its fields).
   */
  static JsonNode parseValue(String text) {
    try (JsonParser parser = VALUES.createParser(text)) {
      if (parser.nextToken() == null) {
        return null;
      }
      JsonNode node = JsonTree.read(parser);
      return parser.nextToken() == null ? node : null;
    } catch (IOException e) {
      return null; // not JSON: the text of a string
    }
  }

  /**
   * The for_each elements of a value given only as text (see {@link JsonElements#elements}): an
   * array's elements, an object as one element; null when the text is not a JSON array or object
   * (it is then split like a CSV field). A string value whose text happens to be a JSON array or
   * object is taken for one here; the record itself ({@link JsonElements}) knows better.
   */
  static List<String> elementsOfText(String text) {
    JsonNode node = text == null ? null : parseValue(text);
    if (node == null || !node.isContainerNode()) {
      return text == null ? List.of() : null;
    }
    List<String> elements = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(e -> elements.add(text(e)));
    } else {
      elements.add(text(node));
    }
    return elements;
  }

  @Override
  public String toString() {
    return spelling;
  }
}
