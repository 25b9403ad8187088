package dev.spillway.plan;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code when:} condition of an emit, as written in the plan. Comparisons are on text (after
 * functions); NULL never equals anything, so {@code eq}, {@code ne}, {@code in} and {@code matches}
 * are false when a compared value is NULL. Compiled per file into a {@link BoundCondition}.
 */
public sealed interface Condition {

  /** {@code {eq: [x, y]}} ({@code negated = false}) or {@code {ne: [x, y]}}: both non-NULL and (un)equal. */
  record Compare(ValueExpr left, ValueExpr right, boolean negated) implements Condition {
    public Compare {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** {@code {in: [x, [a, b, ...]]}}: x is non-NULL and equals one of the choices (NULL choices match nothing). */
  record In(ValueExpr value, List<ValueExpr> choices) implements Condition {
    public In {
      Objects.requireNonNull(value, "value");
      choices = List.copyOf(choices);
    }
  }

  /** {@code {matches: [x, "regex"]}}: x is non-NULL and the whole of it matches. */
  record Matches(ValueExpr value, Pattern regex) implements Condition {
    public Matches {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(regex, "regex");
    }
  }

  /** {@code {is_null: x}} ({@code negated = false}) or {@code {not_null: x}}. */
  record IsNull(ValueExpr value, boolean negated) implements Condition {
    public IsNull {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code {all: [c, ...]}} ({@code any = false}) or {@code {any: [c, ...]}}. */
  record Junction(List<Condition> parts, boolean any) implements Condition {
    public Junction {
      parts = List.copyOf(parts);
    }
  }

  /** {@code {not: c}}. */
  record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "condition");
    }
  }
}
