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
 * Parses a function call, a one-key mapping {@code {name: args}} whose args are a list or one
 * expression, and checks its literal arguments once, before any data is read: a regex compiles, a
 * replacement names only groups the regex has, a radix is 2 to 36, a split_part field is a non-zero
 * integer, a date pattern is a valid java.time pattern. Every problem has its YAML path, e.g.
 * {@code sources[0].emit[0].values.cp.parse_int[1]: radix must be 2 to 36, got '99'}.
 */
final class FunctionParser {
  /** A named group in a regex: {@code (?<name>...)}. */
  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  private final Problems problems;
  private final ValueExprParser exprs;

  FunctionParser(Problems problems, ValueExprParser exprs) {
    this.problems = problems;
    this.exprs = exprs;
  }

  /** The call at {@code path}, or null after reporting. */
  ValueExpr.Call call(YamlMap map, String path) {
    Map.Entry<String, YamlNode> entry = map.entries().entrySet().iterator().next();
    String name = entry.getKey();
    ValueFunction function = ValueFunction.of(name).orElse(null);
    if (function == null) {
      problems.add(Problems.child(path, name), "unknown function '" + name + "'" + Problems.didYouMean(name, ValueFunction.names())
          + "; functions: " + String.join(", ", ValueFunction.names()) + " (or {ref: table, key: [...]})");
      return null;
    }
    String callPath = Problems.child(path, name);
    List<YamlNode> argNodes = entry.getValue() instanceof YamlList list ? list.items() : List.of(entry.getValue());
    boolean asList = entry.getValue() instanceof YamlList;
    if (argNodes.size() < function.minArgs() || argNodes.size() > function.maxArgs()) {
      problems.add(callPath, name + " takes " + function.arityText() + ", got " + argNodes.size());
      return null;
    }
    List<ValueExpr> args = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < argNodes.size(); i++) {
      String argPath = asList ? Problems.index(callPath, i) : callPath;
      ValueExpr arg = function.literal(i) ? literal(argNodes.get(i), argPath) : exprs.text(argNodes.get(i), argPath);
      ok &= arg != null;
      args.add(arg);
    }
    if (!ok || !literalsValid(function, args, callPath, asList)) {
      return null;
    }
    return new ValueExpr.Call(function, args);
  }

  /** Literal text as written (no {@code $} meaning), as a constant; null after reporting. */
  private ValueExpr literal(YamlNode node, String path) {
    if (node instanceof YamlScalar s && !s.isNull()) {
      return new ValueExpr.Constant(s.text());
    }
    problems.add(path, "expected literal text here, got " + MapReader.describe(node));
    return null;
  }

  private boolean literalsValid(ValueFunction function, List<ValueExpr> args, String path, boolean asList) {
    return switch (function) {
      case REPLACE -> {
        Pattern regex = regex(literalText(args, 1), argPath(path, 1, asList));
        yield regex != null && replacement(regex, literalText(args, 2), argPath(path, 2, asList));
      }
      case EXTRACT -> regex(literalText(args, 1), argPath(path, 1, asList)) != null;
      case SPLIT_PART -> field(literalText(args, 2), argPath(path, 2, asList));
      case PARSE_INT -> args.size() < 2 || radix(literalText(args, 1), argPath(path, 1, asList));
      case TO_DATE, TO_TIMESTAMP -> datePattern(literalText(args, 1), argPath(path, 1, asList));
      default -> true;
    };
  }

  private static String literalText(List<ValueExpr> args, int index) {
    return ((ValueExpr.Constant) args.get(index)).value();
  }

  private static String argPath(String path, int index, boolean asList) {
    return asList ? Problems.index(path, index) : path;
  }

  private Pattern regex(String text, String path) {
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      problems.add(path, "invalid regex '" + text + "': " + e.getDescription() + " near index " + e.getIndex());
      return null;
    }
  }

  /** Java's replacement syntax: {@code \\x} is x, {@code $n} a group the regex has, {@code ${name}} a named group. */
  private boolean replacement(Pattern regex, String text, String path) {
    int groups = regex.matcher("").groupCount();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (++i >= text.length()) {
          problems.add(path, "replacement '" + text + "' ends with a lone backslash; write \\\\ for a backslash");
          return false;
        }
      } else if (c == '$') {
        if (i + 1 >= text.length()) {
          problems.add(path, "replacement '" + text + "' ends with a lone $; write \\$ for a dollar sign");
          return false;
        }
        char next = text.charAt(i + 1);
        if (next >= '0' && next <= '9' && next - '0' > groups) {
          problems.add(path, "replacement '" + text + "' refers to group $" + next + ", but the regex has " + groups + " group(s)");
          return false;
        }
        if (next == '{') {
          int close = text.indexOf('}', i + 2);
          String name = close < 0 ? "" : text.substring(i + 2, close);
          if (!NAMED_GROUP.matcher(regex.pattern()).results().anyMatch(m -> m.group(1).equals(name))) {
            problems.add(path, "replacement '" + text + "' refers to group ${" + name + "}, which the regex does not name");
            return false;
          }
        } else if (!(next >= '0' && next <= '9')) {
          problems.add(path, "replacement '" + text + "': $ must be followed by a group number or {name}; write \\$ for a dollar sign");
          return false;
        }
      }
    }
    return true;
  }

  private boolean radix(String text, String path) {
    Integer radix = integer(text);
    if (radix == null || radix < Character.MIN_RADIX || radix > Character.MAX_RADIX) {
      problems.add(path, "radix must be a whole number from 2 to 36, got '" + text + "'");
      return false;
    }
    return true;
  }

  private boolean field(String text, String path) {
    Integer n = integer(text);
    if (n == null || n == 0) {
      problems.add(path, "field position must be a non-zero whole number (1 is the first, -1 the last), got '" + text + "'");
      return false;
    }
    return true;
  }

  private boolean datePattern(String text, String path) {
    try {
      DatePatterns.formatter(text);
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(path, "invalid date/time pattern '" + text + "' (java.time, e.g. dd/MM/yyyy): " + e.getMessage());
      return false;
    }
  }

  static Integer integer(String text) {
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
