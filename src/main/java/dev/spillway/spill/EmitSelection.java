package dev.spillway.spill;

import dev.spillway.pgbinary.InvalidValueException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Which rows an emit produces for one record: whether its {@code when:} holds, and its for_each
 * elements. A record for which the condition does not hold is simply not emitted into that table
 * (counted nowhere there). A plan function inside the condition or the for_each value that refuses
 * its input ({@code parse_int} of a bad digit) leaves the record's rows unknown: the record is then
 * one rejected row of the emit's table, naming {@code when} or {@code for_each} as the column.
 * Stateless.
 */
final class EmitSelection {
  /** The column rejects.csv names when the condition itself failed. */
  static final String WHEN_COLUMN = "when";
  /** The column rejects.csv names when the for_each value failed. */
  static final String FOR_EACH_COLUMN = "for_each";

  private EmitSelection() {}

  /** Whether the record is emitted; false with {@code problem} set when the condition could not be evaluated. */
  static boolean holds(CompiledEmit emit, IntFunction<String> fields, RowProblem problem) {
    problem.clear();
    try {
      return emit.when().holds(fields, null);
    } catch (InvalidValueException e) {
      problem.set(RowStatus.REJECTED, WHEN_COLUMN, e.value(), e.reason());
      return false;
    }
  }

  /** The for_each elements of the record, or null with {@code problem} set when its value could not be computed. */
  static List<String> elements(CompiledEmit emit, IntFunction<String> fields, RowProblem problem) {
    problem.clear();
    try {
      return emit.forEach().orElseThrow().elements(fields);
    } catch (InvalidValueException e) {
      problem.set(RowStatus.REJECTED, FOR_EACH_COLUMN, e.value(), e.reason());
      return null;
    }
  }
}
