package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table as spillway would create it, independent of the plan classes: columns in order, an
 * optional surrogate id column (primary key), an optional natural key (unique constraint), and
 * foreign keys for refs. Validated on construction: at least one column, distinct column names, and
 * every id, key and reference column is one of the columns.
 *
 * @param name        schema-qualified table name
 * @param columns     columns in table order
 * @param idColumn    the surrogate id column, if any
 * @param keyColumns  natural key columns in key order; empty for none
 * @param references  foreign keys, in the order they are declared
 */
public record TableDef(
    QualifiedName name, List<ColumnDef> columns, Optional<String> idColumn, List<String> keyColumns,
    List<ForeignKeyDef> references) {

  public TableDef {
    checkArgument(name != null, "table name is null");
    columns = List.copyOf(columns);
    keyColumns = List.copyOf(keyColumns);
    references = List.copyOf(references);
    checkArgument(!columns.isEmpty(), "table %s has no columns", name);
    Set<String> names = new HashSet<>();
    for (ColumnDef c : columns) {
      checkArgument(names.add(c.name()), "table %s: duplicate column %s", name, c.name());
    }
    idColumn.ifPresent(id -> checkArgument(names.contains(id), "table %s: id column %s is not a column", name, id));
    checkArgument(new HashSet<>(keyColumns).size() == keyColumns.size(), "table %s: duplicate key column in %s", name, keyColumns);
    for (String k : keyColumns) {
      checkArgument(names.contains(k), "table %s: key column %s is not a column", name, k);
    }
    for (ForeignKeyDef r : references) {
      checkArgument(names.contains(r.column()), "table %s: reference column %s is not a column", name, r.column());
    }
  }

  /** The column names in table order. */
  public List<String> columnNames() {
    return columns.stream().map(ColumnDef::name).toList();
  }
}
