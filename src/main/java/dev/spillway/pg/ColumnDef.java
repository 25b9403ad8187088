package dev.spillway.pg;

/**
 * A column to create or to expect in a target table.
 *
 * @param name    exact column name (see {@link Identifiers#check})
 * @param sqlType Postgres type as written in DDL, e.g. {@code bigint}, {@code varchar(10)}; checked
 *                by {@link SqlTypeName} so it cannot carry SQL
 * @param notNull whether {@code --create-tables} declares it {@code NOT NULL} (a plan's {@code not_null:})
 */
public record ColumnDef(String name, String sqlType, boolean notNull) {
  public ColumnDef {
    Identifiers.check(name);
    sqlType = SqlTypeName.check(sqlType);
  }

  /** A nullable column. */
  public ColumnDef(String name, String sqlType) {
    this(name, sqlType, false);
  }
}
