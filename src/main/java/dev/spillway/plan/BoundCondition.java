package dev.spillway.plan;

import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * A {@link Condition} bound to one input file: operands are {@link BoundValue.Text}s, regexes
 * compiled, so testing a record looks nothing up. Immutable. NULL never equals anything: a
 * comparison with a NULL operand is false (and {@code ne} of a NULL is false too, as in SQL's
 * {@code WHERE}).
 */
public sealed interface BoundCondition {

  /**
   * Whether the condition holds for one record. A function that cannot convert an operand throws
   * {@link dev.spillway.pgbinary.InvalidValueException}.
   */
  boolean holds(IntFunction<String> fields, String element);

  /** {@code eq} / {@code ne}. */
  record Compare(BoundValue.Text left, BoundValue.Text right, boolean negated) implements BoundCondition {
    @Override
    public boolean holds(IntFunction<String> fields, String element) {
      String l = left.text(fields, element);
      String r = right.text(fields, element);
      return l != null && r != null && l.equals(r) != negated;
    }
  }

  record In(BoundValue.Text value, BoundValue.Text[] choices) implements BoundCondition {
    @Override
    public boolean holds(IntFunction<String> fields, String element) {
      String v = value.text(fields, element);
      if (v == null) {
        return false;
      }
      for (BoundValue.Text choice : choices) {
        if (v.equals(choice.text(fields, element))) {
          return true;
        }
      }
      return false;
    }
  }

  /** The whole value matches. */
  record Matches(BoundValue.Text value, Pattern regex) implements BoundCondition {
    @Override
    public boolean holds(IntFunction<String> fields, String element) {
      String v = value.text(fields, element);
      return v != null && regex.matcher(v).matches();
    }
  }

  /** {@code is_null} / {@code not_null}. */
  record IsNull(BoundValue.Text value, boolean negated) implements BoundCondition {
    @Override
    public boolean holds(IntFunction<String> fields, String element) {
      return (value.text(fields, element) == null) != negated;
    }
  }

  /** {@code all} (every part holds) / {@code any} (some part holds); parts in order, stopping early. */
  record Junction(BoundCondition[] parts, boolean any) implements BoundCondition {
    @Override
    public boolean holds(IntFunction<String> fields, String element) {
      for (BoundCondition part : parts) {
        if (part.holds(fields, element) == any) {
          return any;
        }
      }
      return !any;
    }
  }

  record Not(BoundCondition condition) implements BoundCondition {
    @Override
    public boolean holds(IntFunction<String> fields, String element) {
      return !condition.holds(fields, element);
    }
  }
}
