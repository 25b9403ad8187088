package dev.spillway.plan;

import dev.spillway.plan.YamlNode.YamlScalar;
import java.util.ArrayList;
import java.util.List;

/** Parses the value expressions of {@link ValueExpr}'s class comment, reporting bad ones. */
final class ValueExprParser {
  private static final List<String> REF_FIELDS = List.of("ref", "key", "missing");

  private final Problems problems;

  ValueExprParser(Problems problems) {
    this.problems = problems;
  }

  /** The expression at {@code path}, or null after reporting every problem in it. */
  ValueExpr parse(YamlNode node, String path) {
    if (node instanceof YamlScalar scalar) {
      return scalar.isNull() ? new ValueExpr.Constant(null) : scalar(scalar.text(), path);
    }
    if (node instanceof YamlNode.YamlMap map) {
      if (map.entries().size() == 1 && !map.entries().containsKey("ref")) {
        return new FunctionParser(problems, this).call(map, path);
      }
      return ref(node, path);
    }
    problems.add(path, "expected a value: $column, $N, $_, $#, a constant, a function such as {trim: $x} or {ref: table, key: [...]}, got "
        + node.kindName());
    return null;
  }

  /** Like {@link #parse} but a ref is reported: inside functions and conditions values are text. */
  ValueExpr text(YamlNode node, String path) {
    ValueExpr expr = parse(node, path);
    if (expr instanceof ValueExpr.Ref) {
      problems.add(path, "a ref cannot be used here: function arguments and conditions take text values");
      return null;
    }
    return expr;
  }

  private ValueExpr scalar(String text, String path) {
    if (!text.startsWith("$")) {
      return new ValueExpr.Constant(text);
    }
    if (text.startsWith("$$")) {
      return new ValueExpr.Constant(text.substring(1));
    }
    if (text.equals("$_")) {
      return new ValueExpr.ForEachElement();
    }
    if (text.equals("$#")) {
      return new ValueExpr.Position();
    }
    if (JsonPath.looksLikePath(text)) {
      try {
        return new ValueExpr.Json(JsonPath.parse(text));
      } catch (IllegalArgumentException e) {
        problems.add(path, "bad JSON path: " + e.getMessage());
        return null;
      }
    }
    String column = text.substring(1);
    if (column.isEmpty()) {
      problems.add(path, "'$' alone names no column; write $$ for a literal dollar sign");
      return null;
    }
    if (column.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return position(column, path);
    }
    return ValueExpr.InputColumn.named(column);
  }

  private ValueExpr position(String digits, String path) {
    int position;
    try {
      position = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      problems.add(path, "input position $" + digits + " is out of range");
      return null;
    }
    if (position < 1) {
      problems.add(path, "input positions start at $1, got $" + digits);
      return null;
    }
    return ValueExpr.InputColumn.at(position);
  }

  private ValueExpr ref(YamlNode node, String path) {
    MapReader r = MapReader.of(node, path, problems, REF_FIELDS);
    if (r == null) {
      return null;
    }
    String table = r.requiredText("ref");
    YamlNode.YamlList keyList = r.list("key", true);
    List<ValueExpr> key = new ArrayList<>();
    boolean partsOk = true;
    if (keyList != null) {
      for (int i = 0; i < keyList.items().size(); i++) {
        ValueExpr part = parse(keyList.items().get(i), Problems.index(r.pathOf("key"), i));
        partsOk &= part != null;
        key.add(part);
      }
    }
    Missing missing = Missing.REJECT;
    if (r.has("missing")) {
      YamlNode missingNode = r.optional("missing");
      // The contract spells it `missing: null`, which YAML reads as a null scalar, not the text "null".
      missing = missingNode instanceof YamlNode.YamlScalar s && s.isNull()
          ? Missing.NULL
          : YamlEnums.parse(Missing.class, missingNode, r.pathOf("missing"), problems);
    }
    if (table == null || keyList == null || !partsOk || missing == null) {
      return null;
    }
    return new ValueExpr.Ref(table, key, missing);
  }
}
