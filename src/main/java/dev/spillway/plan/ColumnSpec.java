package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.pgbinary.ColumnType;

/**
 * One column of a target table.
 *
 * @param name the column name exactly as in the plan (quoted as an identifier wherever SQL is built)
 * @param type the parsed Postgres type
 */
public record ColumnSpec(String name, ColumnType type) {
  public ColumnSpec {
    checkArgument(name != null && !name.isEmpty(), "column name is empty: %s", name);
    checkArgument(type != null, "column %s has no type", name);
  }
}
