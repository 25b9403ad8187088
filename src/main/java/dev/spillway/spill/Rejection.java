package dev.spillway.spill;

import java.util.Objects;

/**
 * The rejects.csv line of one rejected record, less its file and line: the first rejected row's
 * table, column and raw value (each null when the record has no rejected row of its own) and every
 * row's reason. The resolution pass keeps the one its drop sweep decided with (see
 * {@link ParkedRecords}), because the keys lost by the drop change what a later check would say.
 *
 * @param reason never null
 */
record Rejection(String table, String column, String rawValue, String reason) {
  Rejection {
    Objects.requireNonNull(reason, "reason");
  }

  void writeTo(Rejects rejects, String sourceFile, long line) {
    rejects.write(sourceFile, line, table, column, rawValue, reason);
  }
}
