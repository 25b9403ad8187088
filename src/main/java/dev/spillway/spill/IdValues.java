package dev.spillway.spill;

import dev.spillway.pgbinary.PgType;
import dev.spillway.plan.ColumnSpec;

/**
 * Ids as column values: a bigint column takes a {@code Long}, an integer column an
 * {@code Integer} (the plan only lets ids land in these two types). Stateless.
 */
final class IdValues {
  private IdValues() {}

  /** Whether ids go into {@code column} as Integer (an integer column) rather than Long. */
  static boolean asInteger(ColumnSpec column) {
    return column.type().base() == PgType.INTEGER;
  }

  /** The id boxed for its column, or null when an integer column cannot hold it. */
  static Object box(long id, boolean asInteger) {
    if (!asInteger) {
      return id;
    }
    return id >= Integer.MIN_VALUE && id <= Integer.MAX_VALUE ? Integer.valueOf((int) id) : null;
  }
}
