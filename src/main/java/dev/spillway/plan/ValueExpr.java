package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A value expression of an emit, as written in the plan:
 * <ul>
 *   <li>{@code $name}: the input column with that header name ({@link InputColumn});
 *   <li>{@code $3}: the third input column, 1-based ({@link InputColumn});
 *   <li>{@code $_}: the current {@code for_each} element ({@link ForEachElement});
 *   <li>{@code $.a.b}, {@code $.a[0]}, {@code $.}: a value of a JSON lines record, and
 *       {@code $_.name}: of the current for_each element ({@link Json}; paths in {@link JsonPath});
 *   <li>{@code $#}: the 1-based position of that element, NULL outside for_each ({@link Position});
 *   <li>{@code {trim: $x}}, {@code {replace: [$x, "regex", "to"]}}, ...: a function call ({@link Call}),
 *       nestable, see {@link ValueFunction};
 *   <li>{@code {ref: T, key: [...], missing: ...}}: the surrogate id of T's row with that natural key
 *       ({@link Ref}); key parts are value expressions, refs included;
 *   <li>any other scalar: a {@link Constant} ({@code $$} at the start stands for one literal
 *       {@code $}; YAML null is SQL NULL).
 * </ul>
 * Names are resolved to field positions once per file by {@link Plan#bind}.
 */
public sealed interface ValueExpr {

  /**
   * An input column, by header name or by 1-based position: exactly one of them is set.
   *
   * @param name     the header name, or null when by position
   * @param position the 1-based position, or 0 when by name
   */
  record InputColumn(String name, int position) implements ValueExpr {
    public InputColumn {
      checkArgument((name == null) != (position == 0), "exactly one of name %s and position %s", name, position);
      checkArgument(position >= 0, "position < 0: %s", position);
      checkArgument(name == null || !name.isEmpty(), "empty column name");
    }

    public static InputColumn named(String name) {
      return new InputColumn(name, 0);
    }

    public static InputColumn at(int position) {
      checkArgument(position >= 1, "positions are 1-based: %s", position);
      return new InputColumn(null, position);
    }

    public boolean byName() {
      return name != null;
    }

    @Override
    public String toString() {
      return byName() ? "$" + name : "$" + position;
    }
  }

  /** {@code $_}: the current element of the emit's {@code for_each}. */
  record ForEachElement() implements ValueExpr {
    @Override
    public String toString() {
      return "$_";
    }
  }

  /** {@code $#}: the 1-based position of the current for_each element; NULL outside for_each. */
  record Position() implements ValueExpr {
    @Override
    public String toString() {
      return "$#";
    }
  }

  /**
   * A function call, {@code {concat: [$a, "-", $b]}}.
   *
   * @param function the function
   * @param args     its arguments in order, within its arity; literal arguments (a regex, a pattern,
   *                 a radix) are {@link Constant}s holding the text as written
   */
  record Call(ValueFunction function, List<ValueExpr> args) implements ValueExpr {
    public Call {
      Objects.requireNonNull(function, "function");
      args = List.copyOf(args);
      checkArgument(args.size() >= function.minArgs() && args.size() <= function.maxArgs(), "%s with %s arguments",
          function, args.size());
    }

    @Override
    public String toString() {
      return "{" + function.yamlName() + ": " + args.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]")) + "}";
    }
  }

  /**
   * A JSON path into a {@code jsonl} record or into its current for_each element, compiled.
   *
   * @param path the compiled path
   */
  record Json(JsonPath path) implements ValueExpr {
    public Json {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return path.spelling();
    }
  }

  /**
   * A constant.
   *
   * @param value the text (after {@code $$} unescaping), or null for SQL NULL
   */
  record Constant(String value) implements ValueExpr {
    @Override
    public String toString() {
      return value == null ? "null" : value.startsWith("$") ? "$" + value : value;
    }
  }

  /**
   * The surrogate id of the row of {@code table} whose natural key equals {@code key}.
   *
   * @param table   the referenced table, which has an id column and a key of {@code key.size()} columns
   * @param key     one expression per key column of {@code table}, in key order
   * @param missing what happens when no such row exists
   */
  record Ref(String table, List<ValueExpr> key, Missing missing) implements ValueExpr {
    public Ref {
      Objects.requireNonNull(table, "table");
      key = List.copyOf(key);
      Objects.requireNonNull(missing, "missing");
    }

    @Override
    public String toString() {
      return "{ref: " + table + ", key: " + key.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"))
          + ", missing: " + missing.yamlName() + "}";
    }
  }
}
