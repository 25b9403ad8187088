package dev.spillway.spill;

import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import dev.spillway.plan.TableSpec;
import dev.spillway.segment.Manifest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The initial size of each table's id map (or key set), in keys: the capacity its Chronicle Map file
 * gets when the keys leave the heap (see {@code idmap.RehashingMap}). Chronicle Map preallocates its
 * file (roughly 50 to 150 bytes of disk per configured entry) and growing past the estimate rehashes
 * into a map twice as large: cheap for small maps, about 1.3 s per doubling at millions of keys.
 *
 * <p>An estimate too large costs more than a rehash: a lookup's hash lands anywhere in the file, so
 * every page of an oversized map is touched even when it holds few keys (issue 11: 1.2M keys in two
 * maps sized for 20M rows, 750 MB, thrashed in 256 MiB). Input bytes say how many rows there are, not
 * how many distinct keys, so the estimate is capped at {@value #MAX_KEYS} keys (about 12 MB of map):
 * past that, maps grow by doubling from what they hold, and the pages a lookup can touch stay within
 * about twice the bytes of the keys held.
 *
 * <p>Unless the options fix one size for all tables, each input file adds to the estimate of every
 * keyed table its source feeds (emits into, or creates rows in through {@code missing: create}):
 * <ul>
 *   <li>a <b>leaf</b> (no other emit of the source refers to it: the fact or child rows, typically
 *       one key per record) gets one key per {@value #INPUT_BYTES_PER_KEY} input bytes, as before;
 *   <li>a <b>parent</b> (some emit of the source refers to it, nested refs included: maintainers of
 *       packages, projects of releases) gets that share divided by the number of keyed tables the
 *       source feeds. Its rows are referenced from the same records, so its distinct keys are at
 *       most those of the tables below it, and usually far fewer (2,248 maintainers in 10 MB of
 *       Debian packages); growth from a small start costs little.
 * </ul>
 * Each estimate is clamped to [{@value #MIN_KEYS}, {@value #MAX_KEYS}]. The floor is the smallest
 * map Chronicle Map is sized for ({@code RehashingMap.MIN_CAPACITY_ENTRIES}), not 65,536 as before,
 * so a small dimension costs well under 1 MB of disk instead of 10 MB.
 *
 * <p>Why this does not slow the large cases down: a source feeding a single keyed table (the 10M-row
 * bench: {@code app_user} is referenced by {@code event}, which has no key) divides by 1, so that
 * table's estimate is unchanged; the leaf of a deep chain (the code-index bench's {@code fragment},
 * one key per record) keeps the full share; only parents shrink, and their real key counts are small
 * or, when close to the record count, one doubling away at most for every keyed table the source
 * feeds beyond the first (bounded by {@code log2(keyed tables)} doublings).
 *
 * <p><b>From a previous spill.</b> When {@code --out --force} replaces a complete spill of a table
 * with the same key columns, that table's rows written there (one per distinct key, in a keyed
 * table) are a measurement, not a guess: the table gets {@value #PREVIOUS_HEADROOM_PERCENT}% of
 * them, with no {@value #MAX_KEYS} cap, so a rerun on the same or slightly grown input creates each
 * map once at about the size of its keys (no rehash) and a lookup touches only pages that hold
 * keys. A table the previous spill did not have, or keyed differently, is estimated as above. The
 * manifest is untrusted: a count is capped at one key per {@value #MIN_INPUT_BYTES_PER_KEY} bytes of
 * this run's input (at {@value #MAX_KEYS} when the input's size is unknown, as for standard input).
 */
final class KeyEstimates {
  static final long INPUT_BYTES_PER_KEY = 64;
  static final long MIN_KEYS = 4_096;
  static final long MAX_KEYS = 1L << 18;
  /** Capacity given per 100 keys a previous spill wrote: room for a grown input before a rehash. */
  static final long PREVIOUS_HEADROOM_PERCENT = 125;
  /** No input holds a distinct key in fewer bytes (a one-character field and a line end). */
  static final long MIN_INPUT_BYTES_PER_KEY = 2;

  /** Estimated keys by table, summed over the input files, before clamping. */
  private final Map<String, Long> keysByTable = new HashMap<>();
  /** A size for every table, or 0 to estimate from the input. */
  private final long fixed;
  /** Distinct keys by table measured by a previous spill (its rows written); override the estimate. */
  private final Map<String, Long> measuredByTable = new HashMap<>();

  private KeyEstimates(long fixed) {
    this.fixed = fixed;
  }

  /** Every table gets {@code keys}. */
  static KeyEstimates fixed(long keys) {
    return new KeyEstimates(keys);
  }

  /** Estimates from the sizes of the input files feeding each table; see the class comment. */
  static KeyEstimates fromInput(Plan plan, List<SourceFile> files) {
    KeyEstimates estimates = new KeyEstimates(0);
    Map<SourceSpec, Shape> shapes = new HashMap<>();
    for (SourceFile f : files) {
      Shape shape = shapes.computeIfAbsent(f.source(), s -> Shape.of(plan, s));
      long keys = f.sizeBytes() / INPUT_BYTES_PER_KEY;
      for (String table : shape.keyed) {
        long share = shape.parents.contains(table) ? keys / shape.keyed.size() : keys;
        estimates.keysByTable.merge(table, share, Long::sum);
      }
    }
    return estimates;
  }

  /**
   * Takes the rows written per table by a previous complete spill as the key counts of this plan's
   * keyed tables that have the same key columns there; see the class comment. Returns this.
   */
  KeyEstimates measuredBy(Plan plan, Manifest previous, long inputBytes) {
    long cap = inputBytes > 0 ? inputBytes / MIN_INPUT_BYTES_PER_KEY : MAX_KEYS;
    for (TableSpec spec : plan.tablesInDependencyOrder()) {
      if (!spec.hasKey()) {
        continue;
      }
      previous.table(spec.name())
          .filter(t -> t.keyColumns().equals(spec.key()))
          .ifPresent(t -> measuredByTable.put(spec.name(), Math.min(cap, t.counters().written())));
    }
    return this;
  }

  long keys(String table) {
    if (fixed > 0) {
      return fixed;
    }
    Long measured = measuredByTable.get(table);
    if (measured != null) {
      return Math.max(MIN_KEYS, measured / 100 * PREVIOUS_HEADROOM_PERCENT + measured % 100 * PREVIOUS_HEADROOM_PERCENT / 100);
    }
    long keys = keysByTable.getOrDefault(table, 0L);
    return Math.max(MIN_KEYS, Math.min(MAX_KEYS, keys));
  }

  /**
   * What one source feeds: the keyed tables it emits into or creates rows in, and those among
   * them (or beyond) that some emit of the source refers to.
   */
  private record Shape(Set<String> keyed, Set<String> parents) {
    static Shape of(Plan plan, SourceSpec source) {
      Set<String> fed = new HashSet<>();
      source.emits().forEach(emit -> fed.add(emit.table()));
      fed.addAll(Plan.createdTables(source));
      Set<String> parents = Plan.referencedTables(source);
      Set<String> keyed = new HashSet<>();
      for (String table : fed) {
        TableSpec spec = plan.table(table);
        if (spec.hasKey()) {
          keyed.add(table);
        }
      }
      return new Shape(keyed, parents);
    }
  }
}
