package dev.spillway.spill;

import dev.spillway.plan.Emit;
import dev.spillway.plan.Missing;
import dev.spillway.plan.ValueExpr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The initial size of each table's id map (or key set), in keys. Chronicle Map preallocates its
 * file (about 50 bytes per configured entry) and growing past the estimate rehashes into a map
 * twice as large, which costs far more per key than an insert into a right-sized map; so the
 * estimate matters for speed and for disk.
 *
 * <p>Unless the options fix one size for all tables, a table's estimate is one key per
 * {@value #INPUT_BYTES_PER_KEY} bytes of the input files whose source emits into the table or
 * creates rows in it through {@code missing: create}, clamped to [{@value #MIN_KEYS},
 * {@value #MAX_KEYS}]: so a small table costs at most a few MB, and a table fed by a large input
 * costs at most about 0.8 bytes of preallocated disk per input byte (400 MB at the cap).
 */
final class KeyEstimates {
  static final long INPUT_BYTES_PER_KEY = 64;
  static final long MIN_KEYS = 65_536;
  static final long MAX_KEYS = 8L << 20;

  private final Map<String, Long> inputBytesByTable = new HashMap<>();
  /** A size for every table, or 0 to estimate from the input. */
  private final long fixed;

  private KeyEstimates(long fixed) {
    this.fixed = fixed;
  }

  /** Every table gets {@code keys}. */
  static KeyEstimates fixed(long keys) {
    return new KeyEstimates(keys);
  }

  /** Estimates from the sizes of the input files feeding each table. */
  static KeyEstimates fromInput(List<SourceFile> files) {
    KeyEstimates estimates = new KeyEstimates(0);
    for (SourceFile f : files) {
      for (Emit emit : f.source().emits()) {
        estimates.add(emit.table(), f.sizeBytes());
        emit.values().values().forEach(v -> estimates.addCreated(v, f.sizeBytes()));
      }
    }
    return estimates;
  }

  private void add(String table, long bytes) {
    inputBytesByTable.merge(table, bytes, Long::sum);
  }

  private void addCreated(ValueExpr value, long bytes) {
    if (value instanceof ValueExpr.Ref ref) {
      if (ref.missing() == Missing.CREATE) {
        add(ref.table(), bytes);
      }
      ref.key().forEach(k -> addCreated(k, bytes));
    }
  }

  long keys(String table) {
    if (fixed > 0) {
      return fixed;
    }
    long bytes = inputBytesByTable.getOrDefault(table, 0L);
    return Math.max(MIN_KEYS, Math.min(MAX_KEYS, bytes / INPUT_BYTES_PER_KEY));
  }
}
