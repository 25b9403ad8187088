package dev.spillway.plan;

import dev.spillway.plan.YamlNode.YamlList;
import dev.spillway.plan.YamlNode.YamlMap;
import dev.spillway.plan.YamlNode.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses an emit's {@code when:} into a {@link Condition}: a one-key mapping, one of
 * {@code eq, ne, in, matches, is_null, not_null, all, any, not}, reporting every problem with its
 * YAML path (an unknown operator, a wrong number of operands, an invalid regex).
 */
final class ConditionParser {
  static final List<String> OPERATORS = List.of("eq", "ne", "in", "matches", "is_null", "not_null", "all", "any", "not");

  private final Problems problems;
  private final ValueExprParser exprs;

  ConditionParser(Problems problems, ValueExprParser exprs) {
    this.problems = problems;
    this.exprs = exprs;
  }

  /** The condition at {@code path}, or null after reporting. */
  Condition parse(YamlNode node, String path) {
    if (!(node instanceof YamlMap map) || map.entries().size() != 1) {
      problems.add(path, "expected a condition, a one-key mapping such as {eq: [$kind, node]}; operators: "
          + String.join(", ", OPERATORS) + "; got " + MapReader.describe(node));
      return null;
    }
    Map.Entry<String, YamlNode> entry = map.entries().entrySet().iterator().next();
    String op = entry.getKey();
    String opPath = Problems.child(path, op);
    YamlNode arg = entry.getValue();
    return switch (op) {
      case "eq", "ne" -> compare(arg, opPath, op.equals("ne"));
      case "in" -> in(arg, opPath);
      case "matches" -> matches(arg, opPath);
      case "is_null", "not_null" -> {
        ValueExpr value = exprs.text(single(arg), opPath);
        yield value == null ? null : new Condition.IsNull(value, op.equals("not_null"));
      }
      case "all", "any" -> junction(arg, opPath, op.equals("any"));
      case "not" -> {
        Condition inner = parse(single(arg), opPath);
        yield inner == null ? null : new Condition.Not(inner);
      }
      default -> {
        problems.add(opPath, "unknown condition '" + op + "'" + Problems.didYouMean(op, OPERATORS) + "; operators: "
            + String.join(", ", OPERATORS));
        yield null;
      }
    };
  }

  /** {@code x} or {@code [x]}: one operand. */
  private static YamlNode single(YamlNode arg) {
    return arg instanceof YamlList l && l.items().size() == 1 ? l.items().get(0) : arg;
  }

  private List<YamlNode> operands(YamlNode arg, String path, int count, String shape) {
    if (arg instanceof YamlList l && l.items().size() == count) {
      return l.items();
    }
    problems.add(path, "expected " + shape + ", got " + MapReader.describe(arg)
        + (arg instanceof YamlList l ? " of " + l.items().size() + " item(s)" : ""));
    return null;
  }

  private Condition compare(YamlNode arg, String path, boolean negated) {
    List<YamlNode> ops = operands(arg, path, 2, "a list of two values [x, y]");
    if (ops == null) {
      return null;
    }
    ValueExpr left = exprs.text(ops.get(0), Problems.index(path, 0));
    ValueExpr right = exprs.text(ops.get(1), Problems.index(path, 1));
    return left == null || right == null ? null : new Condition.Compare(left, right, negated);
  }

  private Condition in(YamlNode arg, String path) {
    List<YamlNode> ops = operands(arg, path, 2, "[x, [a, b, ...]]");
    if (ops == null) {
      return null;
    }
    ValueExpr value = exprs.text(ops.get(0), Problems.index(path, 0));
    if (!(ops.get(1) instanceof YamlList list) || list.items().isEmpty()) {
      problems.add(Problems.index(path, 1), "expected a non-empty list of choices, got " + MapReader.describe(ops.get(1)));
      return null;
    }
    List<ValueExpr> choices = new ArrayList<>();
    boolean ok = value != null;
    for (int i = 0; i < list.items().size(); i++) {
      ValueExpr choice = exprs.text(list.items().get(i), Problems.index(Problems.index(path, 1), i));
      ok &= choice != null;
      choices.add(choice);
    }
    return ok ? new Condition.In(value, choices) : null;
  }

  private Condition matches(YamlNode arg, String path) {
    List<YamlNode> ops = operands(arg, path, 2, "[x, \"regex\"]");
    if (ops == null) {
      return null;
    }
    ValueExpr value = exprs.text(ops.get(0), Problems.index(path, 0));
    String regexPath = Problems.index(path, 1);
    if (!(ops.get(1) instanceof YamlScalar s) || s.isNull()) {
      problems.add(regexPath, "expected a regex, got " + MapReader.describe(ops.get(1)));
      return null;
    }
    try {
      Pattern regex = Pattern.compile(s.text());
      return value == null ? null : new Condition.Matches(value, regex);
    } catch (PatternSyntaxException e) {
      problems.add(regexPath, "invalid regex '" + s.text() + "': " + e.getDescription() + " near index " + e.getIndex());
      return null;
    }
  }

  private Condition junction(YamlNode arg, String path, boolean any) {
    if (!(arg instanceof YamlList list) || list.items().isEmpty()) {
      problems.add(path, "expected a non-empty list of conditions, got " + MapReader.describe(arg));
      return null;
    }
    List<Condition> parts = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.items().size(); i++) {
      Condition part = parse(list.items().get(i), Problems.index(path, i));
      ok &= part != null;
      parts.add(part);
    }
    return ok ? new Condition.Junction(parts, any) : null;
  }
}
