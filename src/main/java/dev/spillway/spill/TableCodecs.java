package dev.spillway.spill;

import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.plan.Plan;
import dev.spillway.plan.TableSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * Every plan table's column codecs, resolved once per run from the column types: the plan-time
 * constant check ({@link PlanConstants}) and the tables' outputs ({@link Tables}) use the same
 * instances. Immutable after {@link #resolve}; the arrays handed out are copies.
 */
final class TableCodecs {
  /** table name -> one codec per column, by ordinal. */
  private final Map<String, Codec[]> byTable = new HashMap<>();

  private TableCodecs() {}

  static TableCodecs resolve(Plan plan, CodecRegistry registry) {
    TableCodecs codecs = new TableCodecs();
    for (TableSpec table : plan.tables()) {
      codecs.byTable.put(table.name(), table.columns().stream().map(c -> registry.codecFor(c.type())).toArray(Codec[]::new));
    }
    return codecs;
  }

  /** The codecs of {@code table}'s columns, by ordinal (a copy). */
  Codec[] columns(String table) {
    return of(table).clone();
  }

  /** The codec of {@code table}'s column at {@code ordinal}. */
  Codec column(String table, int ordinal) {
    return of(table)[ordinal];
  }

  private Codec[] of(String table) {
    Codec[] codecs = byTable.get(table);
    if (codecs == null) {
      throw new IllegalArgumentException("no table " + table + " among " + byTable.keySet());
    }
    return codecs;
  }
}
