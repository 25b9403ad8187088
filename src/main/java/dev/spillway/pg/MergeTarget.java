package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table rows are merged into through a staging table ({@link StagedMerge}): its columns in COPY
 * order, its surrogate id column and its natural key. Immutable.
 *
 * @param target     the schema-qualified target table
 * @param columns    the staged columns, in COPY order
 * @param idColumn   the surrogate id column, if any (never updated: children reference it)
 * @param keyColumns the natural key columns; empty when the table has none
 */
public record MergeTarget(QualifiedName target, List<String> columns, Optional<String> idColumn, List<String> keyColumns) {
  public MergeTarget {
    Objects.requireNonNull(target, "target");
    columns = List.copyOf(columns);
    Objects.requireNonNull(idColumn, "idColumn");
    keyColumns = List.copyOf(keyColumns);
    checkArgument(!columns.isEmpty(), "no columns to merge into %s", target);
    checkArgument(idColumn.isEmpty() || columns.contains(idColumn.get()), "id column %s is not among %s", idColumn, columns);
    checkArgument(columns.containsAll(keyColumns), "key %s is not among %s", keyColumns, columns);
  }

  /** What decides a conflict: the natural key, else the id column, else nothing. */
  public List<String> conflictTarget() {
    if (!keyColumns.isEmpty()) {
      return keyColumns;
    }
    return idColumn.map(List::of).orElse(List.of());
  }

  /** The columns an update sets: all but the conflict target and the id column. */
  public List<String> updatedColumns() {
    List<String> target = conflictTarget();
    List<String> out = new ArrayList<>();
    for (String column : columns) {
      if (!target.contains(column) && !idColumn.map(column::equals).orElse(false)) {
        out.add(column);
      }
    }
    return out;
  }
}
