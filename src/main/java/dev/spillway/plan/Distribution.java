package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * How a table is laid out on a distributed PostgreSQL (Citus) server, from the plan's
 * {@code distribute_by: column} and {@code reference: true}: hash-distributed on a column,
 * replicated to every node as a reference table, or neither (a plain table). Ignored, with a
 * warning, by a load into a server without the {@code citus} extension. Immutable.
 *
 * @param distributeBy the distribution column; empty when not distributed
 * @param reference    a reference table (never together with a distribution column)
 */
public record Distribution(Optional<String> distributeBy, boolean reference) {
  /** A plain table. */
  public static final Distribution LOCAL = new Distribution(Optional.empty(), false);

  public Distribution {
    checkArgument(distributeBy != null, "distributeBy is null (use Optional.empty())");
    checkArgument(distributeBy.isEmpty() || !reference, "a table distributed by %s cannot be a reference table",
        distributeBy);
  }

  public static Distribution by(String column) {
    return new Distribution(Optional.of(column), false);
  }

  public static Distribution referenceTable() {
    return new Distribution(Optional.empty(), true);
  }

}
