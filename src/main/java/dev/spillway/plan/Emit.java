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
 */
public record Emit(int sourceIndex, int index, String table, Optional<ForEach> forEach, Map<String, ValueExpr> values) {
  public Emit {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(forEach, "forEach");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** {@code sources[1].emit[0]}: where this emit is in the plan, for messages. */
  public String yamlPath() {
    return "sources[" + sourceIndex + "].emit[" + index + "]";
  }
}
