package dev.spillway.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a source's {@code emit:} list: rows for {@code table} built from each input record.
 * Columns of the table not in {@link #values} (and not its id column) are NULL.
 *
 * @param sourceIndex the 0-based index of the source in the plan
 * @param index       the 0-based index of this emit in its source
 * @param table       the target table, a table of the plan
 * @param forEach     when present, one row per element instead of one row per record
 * @param values      column -> expression, in plan order; never the id column
 * @param when        when present, only records for which it holds emit (before for_each splits)
 */
public record Emit(int sourceIndex, int index, String table, Optional<ForEach> forEach, Map<String, ValueExpr> values,
    Optional<Condition> when) {
  public Emit {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(forEach, "forEach");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    Objects.requireNonNull(when, "when");
  }

  /** An emit for every record. */
  public Emit(int sourceIndex, int index, String table, Optional<ForEach> forEach, Map<String, ValueExpr> values) {
    this(sourceIndex, index, table, forEach, values, Optional.empty());
  }

  /** {@code sources[1].emit[0]}: where this emit is in the plan, for messages. */
  public String yamlPath() {
    return "sources[" + sourceIndex + "].emit[" + index + "]";
  }
}
