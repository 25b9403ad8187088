package dev.spillway.spill;

import dev.spillway.plan.BoundCondition;
import dev.spillway.plan.BoundEmit;
import java.util.Optional;

/**
 * One emit of a source, compiled for one input file: the table it writes, its optional for_each
 * and the builder of its rows.
 *
 * @param table   where its rows go
 * @param forEach when present, one row per element of the split value
 * @param rows    builds each row by ordinal
 * @param when    the emit's {@code when:}, or null when it applies to every record (no test at all)
 */
record CompiledEmit(TableOutput table, Optional<BoundEmit.BoundForEach> forEach, RowBuilder rows, BoundCondition when) {
  CompiledEmit(TableOutput table, Optional<BoundEmit.BoundForEach> forEach, RowBuilder rows) {
    this(table, forEach, rows, null);
  }
}
