package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target table of a plan (one entry under {@code tables:}). Immutable and consistent: the id and
 * key columns are columns of the table, the id column is {@code bigint} or {@code integer} and not
 * part of the key, and {@link #references()} only names columns of this table.
 *
 * @param name        the table name (quoted as an identifier wherever SQL is built)
 * @param columns     the columns in declaration order, which is also COPY column order
 * @param idColumn    the surrogate-key column spillway fills (1, 2, 3, ...), if any
 * @param key         the natural key columns in declaration order; empty when the table has no key
 * @param onDuplicate what a repeated natural key does; {@link OnDuplicate#FIRST} when not given
 * @param onExisting  what a natural key already in the database does; {@link OnExisting#SKIP} when not given
 * @param references  foreign keys derived from the plan's refs: column -> referenced table (whose
 *                    id column is the target), in column order
 * @param notNull     columns of {@code not_null:}: a NULL there is a reject naming the column, and
 *                    {@code --create-tables} declares them {@code NOT NULL}; never the id column
 * @param defaults    {@code defaults:} column -> text applied when the emitted value is NULL (checked
 *                    against the column's type before data is read); never the id column
 * @param distribution {@code distribute_by:} / {@code reference:}: its layout on a Citus server; the
 *                    distribution column is a column of the table
 */
public record TableSpec(
    String name,
    List<ColumnSpec> columns,
    Optional<String> idColumn,
    List<String> key,
    OnDuplicate onDuplicate,
    OnExisting onExisting,
    Map<String, String> references,
    List<String> notNull,
    Map<String, String> defaults,
    Distribution distribution) {

  public TableSpec {
    checkArgument(name != null && !name.isEmpty(), "table name is empty: %s", name);
    columns = List.copyOf(columns);
    checkArgument(!columns.isEmpty(), "table %s has no columns", name);
    key = List.copyOf(key);
    references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
    List<String> names = columns.stream().map(ColumnSpec::name).toList();
    checkArgument(idColumn.isEmpty() || names.contains(idColumn.get()), "id column %s is not a column of %s", idColumn, name);
    checkArgument(names.containsAll(key), "key %s is not made of columns of %s %s", key, name, names);
    checkArgument(idColumn.isEmpty() || !key.contains(idColumn.get()), "key %s of %s contains the id column", key, name);
    checkArgument(names.containsAll(references.keySet()), "references %s name columns %s lacks", references, name);
    notNull = List.copyOf(notNull);
    defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    checkArgument(names.containsAll(notNull) && names.containsAll(defaults.keySet()), "not_null %s or defaults %s name columns %s lacks",
        notNull, defaults.keySet(), name);
    checkArgument(idColumn.isEmpty() || !notNull.contains(idColumn.get()) && !defaults.containsKey(idColumn.get()),
        "the id column of %s has not_null or a default", name);
    checkArgument(distribution != null, "distribution of %s is null (use Distribution.LOCAL)", name);
    checkArgument(distribution.distributeBy().isEmpty() || names.contains(distribution.distributeBy().get()),
        "distribution column %s is not a column of %s", distribution.distributeBy(), name);
  }

  /** A plain table (not distributed, not a reference table). */
  public TableSpec(String name, List<ColumnSpec> columns, Optional<String> idColumn, List<String> key, OnDuplicate onDuplicate,
      OnExisting onExisting, Map<String, String> references, List<String> notNull, Map<String, String> defaults) {
    this(name, columns, idColumn, key, onDuplicate, onExisting, references, notNull, defaults, Distribution.LOCAL);
  }

  /** A table without not_null columns or defaults. */
  public TableSpec(String name, List<ColumnSpec> columns, Optional<String> idColumn, List<String> key, OnDuplicate onDuplicate,
      OnExisting onExisting, Map<String, String> references) {
    this(name, columns, idColumn, key, onDuplicate, onExisting, references, List.of(), Map.of());
  }

  /** The column names in order. */
  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  /** The 0-based position of {@code column}, or -1 when the table has no such column. */
  public int ordinalOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The column called {@code column}; throws IllegalArgumentException naming the table otherwise. */
  public ColumnSpec column(String column) {
    int ordinal = ordinalOf(column);
    checkArgument(ordinal >= 0, "table %s has no column %s; columns: %s", name, column, columnNames());
    return columns.get(ordinal);
  }

  /** The 0-based position of the id column, or -1 when the table has none. */
  public int idOrdinal() {
    return idColumn.map(this::ordinalOf).orElse(-1);
  }

  /** The 0-based positions of the key columns, in key order (a fresh array). */
  public int[] keyOrdinals() {
    return key.stream().mapToInt(this::ordinalOf).toArray();
  }

  public boolean hasKey() {
    return !key.isEmpty();
  }
}
