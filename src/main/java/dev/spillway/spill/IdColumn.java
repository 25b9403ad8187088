package dev.spillway.spill;

import dev.spillway.plan.TableSpec;

/**
 * A table's id column, resolved once per table: where the id goes in a row and whether it is boxed
 * as Integer (an integer column) or Long (bigint); see {@link IdValues}. Immutable.
 *
 * @param table     the table's name, for {@link IdOverflow}
 * @param name      the id column's name
 * @param ordinal   the id column's 0-based position in the table's rows
 * @param asInteger whether ids go in as Integer rather than Long
 */
record IdColumn(String table, String name, int ordinal, boolean asInteger) {
  /** The id column of {@code spec}, which must have one. */
  static IdColumn of(TableSpec spec) {
    String name = spec.idColumn().orElseThrow(() -> new IllegalArgumentException("table " + spec.name() + " has no id column"));
    return new IdColumn(spec.name(), name, spec.idOrdinal(), IdValues.asInteger(spec.column(name)));
  }

  /** Whether the column can hold {@code id} (always, for bigint). */
  boolean fits(long id) {
    return !asInteger || (id >= Integer.MIN_VALUE && id <= Integer.MAX_VALUE);
  }

  /** Stores {@code id}, boxed for the column, at {@link #ordinal} of {@code row}; throws {@link IdOverflow} when the column cannot hold it. */
  void put(Object[] row, long id) {
    Object boxed = IdValues.box(id, asInteger);
    if (boxed == null) {
      throw new IdOverflow(table, name, id);
    }
    row[ordinal] = boxed;
  }
}
