package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A {@link ValueExpr} resolved against one input file's layout: header names have become field
 * indexes, so the row loop does no lookup by name. Made by {@link Plan#bind}; immutable.
 */
public sealed interface BoundValue {

  /** A value computed from the record alone: a field, the for_each element or a constant. */
  sealed interface Text extends BoundValue {
    /**
     * This value for one record.
     *
     * @param fields  the record's fields by 0-based index (null = SQL NULL), e.g. an {@code InputRecord}
     * @param element the current for_each element, or null outside for_each
     * @return the text, or null for SQL NULL
     */
    String text(IntFunction<String> fields, String element);
  }

  /**
   * A value computed per row by a plan function, {@code $#} or a table's default/not_null rule: see
   * {@link TextFunctions}. Compiled once per file; immutable (reads only its arguments).
   */
  non-sealed interface Computed extends Text {}

  /**
   * An input field.
   *
   * @param index      0-based field index, less than the file's field count
   * @param expression the plan's spelling ({@code $name} or {@code $3}) for messages
   */
  record Field(int index, String expression) implements Text {
    public Field {
      checkArgument(index >= 0, "index < 0: %s", index);
    }

    @Override
    public String text(IntFunction<String> fields, String element) {
      return fields.apply(index);
    }
  }

  /** The current for_each element ({@code $_}). */
  record Element() implements Text {
    @Override
    public String text(IntFunction<String> fields, String element) {
      return element;
    }
  }

  /**
   * A JSON path of a JSON lines record ({@code $.a.b}): the record computed it as field
   * {@code index} (its place in {@code SourceSpec.jsonPaths()}).
   *
   * @param index 0-based field index
   * @param path  the compiled path, for messages and for for_each over its value
   */
  record JsonField(int index, JsonPath path) implements Text {
    public JsonField {
      checkArgument(index >= 0, "index < 0: %s", index);
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String text(IntFunction<String> fields, String element) {
      return fields.apply(index);
    }
  }

  /**
   * A path into the current for_each element of a JSON lines record ({@code $_.name}). The record
   * (a {@link JsonElements}) finds the element's value; the path was compiled with the plan.
   *
   * @param path the compiled path, starting at the element
   */
  record ElementPath(JsonPath path) implements Text {
    public ElementPath {
      Objects.requireNonNull(path, "path");
      checkArgument(path.element(), "not an element path: %s", path);
    }

    /**
     * The path's value in the element: found by the record when it is at hand; otherwise (fields
     * that are a copy of the record's values) read from the element's text, which for an object or
     * array is its compact JSON, and for a string or number holds no member (NULL).
     */
    @Override
    public String text(IntFunction<String> fields, String element) {
      if (fields instanceof JsonElements json) {
        return json.elementText(path, element);
      }
      return element == null ? null : path.textFrom(JsonPath.parseValue(element));
    }
  }

  /**
   * A constant, or SQL NULL: also stands for every column an emit does not mention.
   *
   * @param value the text, or null for SQL NULL
   */
  record Constant(String value) implements Text {
    /** The value of a column an emit leaves out. */
    public static final Constant NULL = new Constant(null);

    @Override
    public String text(IntFunction<String> fields, String element) {
      return value;
    }
  }

  /**
   * A ref: the surrogate id of {@code table}'s row with this natural key.
   *
   * @param table    the referenced table (has an id column and a key of {@code key.size()} columns)
   * @param key      one value per key column, each a {@link Text} or a nested {@link Ref}
   * @param missing  what happens when the key is unknown
   * @param yamlPath where the ref is in the plan, for messages
   */
  record Ref(TableSpec table, List<BoundValue> key, Missing missing, String yamlPath) implements BoundValue {
    public Ref {
      Objects.requireNonNull(table, "table");
      key = List.copyOf(key);
      checkArgument(key.size() == table.key().size(), "ref to %s with %s key parts, expected %s", table.name(), key.size(), table.key().size());
      Objects.requireNonNull(missing, "missing");
    }
  }

  /** The emitted table's own id column: the id map assigns it. */
  record SurrogateId() implements BoundValue {}
}
