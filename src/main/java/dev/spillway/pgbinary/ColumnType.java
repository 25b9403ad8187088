package dev.spillway.pgbinary;

/**
 * A column's PostgreSQL type as written in a plan ({@code bigint}, {@code numeric(12,2)},
 * {@code varchar(10)}, {@code text[]}): a scalar base type, its modifiers and whether it is a
 * one-dimensional array. Immutable; parsed once at plan time.
 *
 * @param base      the scalar type (element type for arrays)
 * @param length    {@code n} of varchar(n)/char(n); -1 when absent
 * @param precision {@code p} of numeric(p,s); -1 when absent
 * @param scale     {@code s} of numeric(p,s); -1 when absent
 * @param array     true for a one-dimensional array of {@code base}
 */
public record ColumnType(PgType base, int length, int precision, int scale, boolean array) {

  /**
   * Parses a type name as users write it, accepting Postgres's aliases (int4, int8, float8,
   * character varying(n), timestamp with time zone, ...). Throws {@link IllegalArgumentException}
   * whose message echoes the bad name and lists the accepted ones.
   */
  public static ColumnType parse(String sqlName) {
    return ColumnTypeParser.parse(sqlName);
  }

  public static ColumnType of(PgType base) {
    return new ColumnType(base, -1, -1, -1, false);
  }

  /** Canonical SQL spelling with modifiers, e.g. {@code numeric(12,2)}, {@code varchar(10)[]}. */
  public String sqlName() {
    return ColumnTypeParser.render(this);
  }

  @Override
  public String toString() {
    return sqlName();
  }
}
