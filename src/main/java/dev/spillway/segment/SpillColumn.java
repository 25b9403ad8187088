package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import dev.spillway.pgbinary.ColumnType;

/**
 * A column as segment headers and the manifest record it: name and PostgreSQL type. In JSON,
 * {@code {"name": "id", "type": "bigint"}} with the type's canonical spelling
 * ({@link ColumnType#sqlName()}).
 *
 * @param name non-empty, no NUL character (any other character is allowed: it is quoted when used)
 * @param type the column's type
 */
public record SpillColumn(String name, ColumnType type) {
  public SpillColumn {
    checkArgument(name != null && !name.isEmpty(), "column name is missing or empty: %s", name);
    checkArgument(name.indexOf('\0') < 0, "column name contains a NUL character: %s", name.replace('\0', '?'));
    checkArgument(type != null, "column %s has no type", name);
  }

  public static SpillColumn of(String name, String sqlType) {
    return new SpillColumn(name, ColumnType.parse(sqlType));
  }
}
