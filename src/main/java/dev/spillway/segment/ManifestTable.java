package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target table as the manifest records it. Its 1-based position in {@link Manifest#tables()} is
 * its ordinal (the {@code TTTT} of its segment file names); tables are listed parents first.
 *
 * @param name        the table's name in the target schema, any characters but NUL
 * @param columns     ordered columns with types: the field order of every tuple
 * @param idColumn    the surrogate-key column spillway fills, or null when the table has none
 * @param keyColumns  the natural key's columns (empty when the table has none)
 * @param references  column -> referenced table's name, for columns holding another table's id
 * @param counters    where the table's rows went
 * @param notNullColumns columns the plan declares {@code not_null} (stage one rejected NULLs there;
 *                    {@code --create-tables} declares them NOT NULL); each a column, no repeats, never the id column
 * @param distributeBy the plan's {@code distribute_by:}: the column a Citus server hash-distributes the
 *                    table on ({@code --create-tables}), or null
 * @param reference   the plan's {@code reference: true}: a Citus reference table; never with
 *                    {@code distributeBy}
 */
public record ManifestTable(String name, List<SpillColumn> columns, String idColumn, List<String> keyColumns,
    Map<String, String> references, RowCounters counters, List<String> notNullColumns,
    String distributeBy, boolean reference) {

  public ManifestTable {
    Names.checkName("table name", name);
    columns = Names.checkColumns("table " + name, columns);
    Set<String> columnNames = new HashSet<>();
    columns.forEach(c -> columnNames.add(c.name()));
    checkArgument(idColumn == null || columnNames.contains(idColumn), "table %s: idColumn %s is not one of its columns", name, idColumn);
    keyColumns = Names.copyNoNulls("table " + name + " keyColumns", keyColumns);
    Set<String> seen = new HashSet<>();
    for (String key : keyColumns) {
      checkArgument(columnNames.contains(key), "table %s: key column %s is not one of its columns", name, key);
      checkArgument(seen.add(key), "table %s: key column %s is listed twice", name, key);
    }
    checkArgument(references != null, "table %s: references is missing", name);
    for (Map.Entry<String, String> ref : references.entrySet()) {
      checkArgument(columnNames.contains(ref.getKey()), "table %s: reference column %s is not one of its columns", name, ref.getKey());
      checkArgument(ref.getValue() != null && !ref.getValue().isEmpty(), "table %s: reference of column %s names no table", name, ref.getKey());
    }
    references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
    checkArgument(counters != null, "table %s has no counters", name);
    notNullColumns = Names.copyNoNulls("table " + name + " notNullColumns", notNullColumns);
    Set<String> notNullSeen = new HashSet<>();
    for (String column : notNullColumns) {
      checkArgument(columnNames.contains(column), "table %s: not-null column %s is not one of its columns", name, column);
      checkArgument(notNullSeen.add(column), "table %s: not-null column %s is listed twice", name, column);
      checkArgument(!column.equals(idColumn), "table %s: not-null column %s is the id column", name, column);
    }
    checkArgument(distributeBy == null || columnNames.contains(distributeBy),
        "table %s: distributeBy %s is not one of its columns", name, distributeBy);
    checkArgument(distributeBy == null || !reference, "table %s: distributed by %s and a reference table", name,
        distributeBy);
  }

  /** A plain table (not distributed, not a reference table). */
  public ManifestTable(String name, List<SpillColumn> columns, String idColumn, List<String> keyColumns,
      Map<String, String> references, RowCounters counters, List<String> notNullColumns) {
    this(name, columns, idColumn, keyColumns, references, counters, notNullColumns, null, false);
  }

  /** A table without not-null columns. */
  public ManifestTable(String name, List<SpillColumn> columns, String idColumn, List<String> keyColumns,
      Map<String, String> references, RowCounters counters) {
    this(name, columns, idColumn, keyColumns, references, counters, List.of());
  }

  /** A table before any row was counted. */
  public static ManifestTable of(String name, List<SpillColumn> columns, String idColumn, List<String> keyColumns,
      Map<String, String> references) {
    return new ManifestTable(name, columns, idColumn, keyColumns, references, RowCounters.ZERO);
  }

  /** A table with not-null columns before any row was counted. */
  public static ManifestTable of(String name, List<SpillColumn> columns, String idColumn, List<String> keyColumns,
      Map<String, String> references, List<String> notNullColumns) {
    return new ManifestTable(name, columns, idColumn, keyColumns, references, RowCounters.ZERO, notNullColumns);
  }

  /** The same table with a Citus layout. */
  public ManifestTable withDistribution(String newDistributeBy, boolean newReference) {
    return new ManifestTable(name, columns, idColumn, keyColumns, references, counters, notNullColumns, newDistributeBy,
        newReference);
  }

  public ManifestTable withCounters(RowCounters newCounters) {
    return new ManifestTable(name, columns, idColumn, keyColumns, references, newCounters, notNullColumns, distributeBy,
        reference);
  }
}
