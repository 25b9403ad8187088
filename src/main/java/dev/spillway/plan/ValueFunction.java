package dev.spillway.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The functions a plan value can call, as one-key mappings: {@code {trim: $name}},
 * {@code {replace: [$v, "-+", "-"]}}. Each has an arity range and the argument positions that must
 * be literal text (a regex, a pattern, a radix, a separator): those are read as written, so
 * {@code "$1"} in a replacement is a group reference, not an input column.
 *
 * <p>NULL: a function of a NULL argument is NULL, except {@code concat} (NULL parts are skipped)
 * and {@code coalesce} (the first non-NULL argument). See {@link TextFunctions} for each one's rule.
 */
public enum ValueFunction {
  TRIM(1, 1),
  LOWER(1, 1),
  UPPER(1, 1),
  CONCAT(1, Integer.MAX_VALUE),
  COALESCE(1, Integer.MAX_VALUE),
  NULLIF(2, 2),
  REPLACE(3, 3, 1, 2),
  EXTRACT(2, 2, 1),
  SPLIT_PART(3, 3, 1, 2),
  PARSE_INT(1, 2, 1),
  TO_DATE(2, 2, 1),
  TO_TIMESTAMP(2, 2, 1);

  /** fewest arguments. */
  private final int minArgs;
  /** most arguments. */
  private final int maxArgs;
  /** 0-based argument positions that are literal text, not expressions. */
  private final int[] literalArgs;

  ValueFunction(int minArgs, int maxArgs, int... literalArgs) {
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
    this.literalArgs = literalArgs;
  }

  /** The plan's spelling: {@code split_part}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The function called {@code name} in a plan, if any. */
  public static Optional<ValueFunction> of(String name) {
    return Arrays.stream(values()).filter(f -> f.yamlName().equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(ValueFunction::yamlName).toList();
  }

  int minArgs() {
    return minArgs;
  }

  int maxArgs() {
    return maxArgs;
  }

  /** Whether argument {@code index} (0-based) is literal text rather than an expression. */
  boolean literal(int index) {
    return Arrays.stream(literalArgs).anyMatch(i -> i == index);
  }

  /** {@code 2 arguments}, {@code 1 or 2 arguments}, {@code at least 1 argument}. */
  String arityText() {
    if (maxArgs == Integer.MAX_VALUE) {
      return "at least " + minArgs + " argument" + (minArgs == 1 ? "" : "s");
    }
    return (minArgs == maxArgs ? String.valueOf(minArgs) : minArgs + " or " + maxArgs) + " argument" + (maxArgs == 1 ? "" : "s");
  }
}
