package dev.spillway.spill;

import dev.spillway.pgbinary.InvalidValueException;
import java.util.function.IntFunction;

/**
 * Tests an emit's {@code when:} for one record. A record for which it does not hold is simply not
 * emitted into that table (counted nowhere there). A function inside the condition that refuses
 * its input ({@code parse_int} of a bad digit) cannot tell whether the record belongs: the record
 * is then one rejected row of the emit's table, column {@code when}. Stateless.
 */
final class EmitConditions {
  /** The column rejects.csv names when the condition itself failed. */
  static final String WHEN_COLUMN = "when";

  private EmitConditions() {}

  /** Whether the record is emitted; false with {@code problem} set when the condition could not be evaluated. */
  static boolean holds(CompiledEmit emit, IntFunction<String> fields, RowProblem problem) {
    problem.clear();
    try {
      return emit.when().holds(fields, null);
    } catch (InvalidValueException e) {
      problem.set(RowStatus.REJECTED, WHEN_COLUMN, null, e.reason());
      return false;
    }
  }
}
