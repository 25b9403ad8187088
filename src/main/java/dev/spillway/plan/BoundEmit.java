package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link Emit} compiled for one input file: one {@link BoundValue} per column of the table, in
 * column order, so stage one fills a row by ordinal without looking anything up by name. The id
 * column holds {@link BoundValue.SurrogateId}; a column the emit does not mention holds
 * {@link BoundValue.Constant#NULL}.
 *
 * @param emit    the plan's emit (for its YAML path in messages)
 * @param table   the target table
 * @param forEach when present, the row is repeated per element and {@code $_} is that element
 * @param columns the value of each column of {@code table}, by column ordinal
 * @param when    when present, only records for which it holds emit (tested before for_each)
 */
public record BoundEmit(Emit emit, TableSpec table, Optional<BoundForEach> forEach, List<BoundValue> columns,
    Optional<BoundCondition> when) {
  public BoundEmit {
    Objects.requireNonNull(emit, "emit");
    Objects.requireNonNull(forEach, "forEach");
    columns = List.copyOf(columns);
    checkArgument(columns.size() == table.columns().size(), "%s values for the %s columns of %s",
        columns.size(), table.columns().size(), table.name());
    Objects.requireNonNull(when, "when");
  }

  /** An emit for every record. */
  public BoundEmit(Emit emit, TableSpec table, Optional<BoundForEach> forEach, List<BoundValue> columns) {
    this(emit, table, forEach, columns, Optional.empty());
  }

  /** The value of the column at {@code ordinal}. */
  public BoundValue column(int ordinal) {
    return columns.get(ordinal);
  }

  /**
   * A bound {@link ForEach}.
   *
   * @param value    the value to split, resolved against the file
   * @param forEach  the plan's for_each (its separator and splitting rule)
   * @param position the emit's {@code $#}: set it ({@link ElementPosition#at}) before each element's row
   */
  public record BoundForEach(BoundValue.Text value, ForEach forEach, ElementPosition position) {
    public BoundForEach {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(forEach, "forEach");
      Objects.requireNonNull(position, "position");
    }

    public BoundForEach(BoundValue.Text value, ForEach forEach) {
      this(value, forEach, new ElementPosition());
    }

    /**
     * The elements for one record: see {@link ForEach#elements}; in a JSON lines record, a value that
     * is a JSON array (or object) has its own elements, see {@link JsonElements#elements}.
     */
    public List<String> elements(java.util.function.IntFunction<String> fields) {
      if (value instanceof BoundValue.JsonField field) {
        List<String> elements = fields instanceof JsonElements json ? json.elements(field.index())
            : JsonPath.elementsOfText(value.text(fields, null));
        if (elements != null) {
          return elements;
        }
      }
      return forEach.elements(value.text(fields, null));
    }
  }
}
