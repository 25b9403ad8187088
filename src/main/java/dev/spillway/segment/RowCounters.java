package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Where input records went, per table or per source. For a table, {@code read} counts the rows its
 * emit entries produced and each ends in exactly one bucket: {@code read = written + duplicates +
 * skipped + rejected} (stage one's invariant); {@code written} is the number of rows in the table's
 * segments. For a source, {@code read} counts its input records and the other counters sum the
 * rows over the tables it emits into. All counts are non-negative.
 */
public record RowCounters(long read, long written, long duplicates, long skipped, long rejected) {
  public static final RowCounters ZERO = new RowCounters(0, 0, 0, 0, 0);

  public RowCounters {
    checkArgument(read >= 0, "read < 0: %s", read);
    checkArgument(written >= 0, "written < 0: %s", written);
    checkArgument(duplicates >= 0, "duplicates < 0: %s", duplicates);
    checkArgument(skipped >= 0, "skipped < 0: %s", skipped);
    checkArgument(rejected >= 0, "rejected < 0: %s", rejected);
  }

  public RowCounters plus(RowCounters o) {
    return new RowCounters(read + o.read, written + o.written, duplicates + o.duplicates, skipped + o.skipped,
        rejected + o.rejected);
  }
}
