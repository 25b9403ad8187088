package dev.spillway.spill;

import dev.spillway.idmap.HeapBudget;
import dev.spillway.idmap.IdMap;
import dev.spillway.idmap.IdMaps;
import dev.spillway.idmap.KeySet;
import dev.spillway.pgbinary.Codec;
import dev.spillway.plan.OnDuplicate;
import dev.spillway.plan.OnExisting;
import dev.spillway.plan.Plan;
import dev.spillway.plan.TableSpec;
import dev.spillway.segment.SegmentWriter;
import dev.spillway.segment.SpillDirectory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link TableOutput} of every plan table, in load order, and the id maps behind them, all
 * under the spill directory's {@code idmap/}:
 * <pre>
 *   idmap/              id maps (tables with an id and a key) and key sets (link tables), by table
 *   idmap/written/      key sets of the keys written so far, for tables that need them (see {@link KeyedIdentity})
 *                       and of database keys for link tables with on_duplicate reject/error (see {@link LinkIdentity})
 *   idmap/stubs/        TTTT.stubs: rows created by missing: create refs ({@link StubLog}), removed at the end
 *   idmap/pending/      key sets of keys reserved by parked rows ({@link KeyStates}), opened on first use
 *   idmap/lost/         key sets of reserved keys whose parked rows were all dropped, opened on first use
 *   idmap/contested/    per table, how many parked rows hold each key that more than one holds ({@link KeyStates})
 *   idmap/owners/       per table, the sweep in which each contested key was last claimed
 *   idmap/rejected/     per referenced table, keys of rejected records' rows, and the reasons file
 *                       ({@link RejectReasons})
 *                       (these five: working maps, removed at the end, also when the run fails)
 *   idmap/parked/       the parked records ({@link ParkedRecords}), removed at the end
 * </pre>
 * Ends with {@link #finish()} (created rows written, segments sealed, maps closed, working maps
 * removed) or {@link #abort()} (unsealed segments and stub logs removed, maps closed, working maps removed). Single-threaded.
 */
final class Tables {
  static final String WRITTEN_DIR = "written";
  static final String STUBS_DIR = "stubs";
  static final String PENDING_DIR = "pending";
  static final String LOST_DIR = "lost";
  static final String CONTESTED_DIR = "contested";
  static final String OWNERS_DIR = "owners";
  static final String REJECTED_DIR = "rejected";

  /**
   * How the tables are set up.
   *
   * @param maxSegmentBytes      bound on each segment file
   * @param segmentWriters       makes the segment writers
   * @param expectedKeys         initial id map size of each table
   * @param averageKeyBytes      initial estimate of an encoded key's size
   * @param existingRowsPresent  whether the database's rows will be seeded (--url)
   * @param idMapHeapBytes       heap all maps together may keep keys in ({@link HeapBudget})
   */
  record Settings(long maxSegmentBytes, SegmentWriterFactory segmentWriters, KeyEstimates expectedKeys,
      int averageKeyBytes, boolean existingRowsPresent, long idMapHeapBytes) {}

  private final Map<String, TableOutput> byName = new LinkedHashMap<>();
  private final IdMaps maps;
  /** Heap that the keys of the id maps and written key sets of this run may hold before they move into their files. */
  private final HeapBudget heapBudget;
  /**
   * The resolution pass's working maps' own heap, an eighth of the id maps' on top of it: parked
   * rows never push an id map into its file, and a run that parks many keys moves its working
   * maps into files, not onto the heap.
   */
  private final HeapBudget workingBudget;
  /** Opened only when some table needs it. */
  private IdMaps writtenMaps;
  /**
   * The resolution pass's working maps by directory ({@link #PENDING_DIR}, {@link #LOST_DIR},
   * {@link #CONTESTED_DIR}, {@link #OWNERS_DIR}), each opened when a table first needs it.
   */
  private final Map<String, IdMaps> resolutionMaps = new LinkedHashMap<>();
  /** Why rejected records were rejected, for refs to their keys; set by {@link #open}. */
  private RejectReasons rejectReasons;
  /** The pass stage one is in, shared by every table. */
  private final ResolveState resolveState = new ResolveState();

  private Tables(IdMaps maps, HeapBudget heapBudget) {
    this.maps = maps;
    this.heapBudget = heapBudget;
    this.workingBudget = new HeapBudget(heapBudget.maxBytes() / 8);
  }

  /** Opens every table's maps and segment writer, parents first (the manifest's order). */
  static Tables open(Plan plan, SpillDirectory dir, ManifestKeeper keeper, TableCodecs codecs, Settings settings) {
    HeapBudget heapBudget = new HeapBudget(settings.idMapHeapBytes());
    Tables tables = new Tables(new IdMaps(dir.idmapDir(), IdMaps.DEFAULT_FRONT_CACHE_SLOTS, heapBudget), heapBudget);
    try {
      Set<String> createTargets = plan.createdTables();
      Set<String> referenced = new java.util.HashSet<>();
      plan.sources().forEach(source -> referenced.addAll(Plan.referencedTables(source)));
      tables.rejectReasons = new RejectReasons(dir.idmapDir().resolve(REJECTED_DIR).resolve("reasons"));
      for (TableSpec spec : plan.tablesInDependencyOrder()) {
        tables.byName.put(spec.name(), tables.output(spec, dir, keeper, codecs.columns(spec.name()), settings,
            createTargets.contains(spec.name()), referenced.contains(spec.name())));
      }
      return tables;
    } catch (RuntimeException e) {
      tables.abort(e);
      throw e;
    }
  }

  private TableOutput output(TableSpec spec, SpillDirectory dir, ManifestKeeper keeper, Codec[] codecs,
      Settings settings, boolean createTarget, boolean referenced) {
    long expectedKeys = settings.expectedKeys().keys(spec.name());
    KeyEncoder keys = spec.hasKey() ? new KeyEncoder(spec, codecs) : null;
    boolean hasId = spec.idColumn().isPresent();
    IdColumn idColumn = hasId ? IdColumn.of(spec) : null;
    IdMap ids = null;
    KeySet written = null;
    StubLog stubs = null;
    RowIdentity identity;
    boolean updateExisting = settings.existingRowsPresent() && spec.onExisting() == OnExisting.UPDATE;
    boolean hasWritten = hasId && spec.hasKey() && (createTarget || updateExisting);
    KeyStates states = new KeyStates(resolveState,
        () -> resolutionMaps(dir, PENDING_DIR).openKeySet(spec.name(), 1024, settings.averageKeyBytes()),
        () -> resolutionMaps(dir, LOST_DIR).openKeySet(spec.name(), 1024, settings.averageKeyBytes()),
        () -> resolutionMaps(dir, CONTESTED_DIR).openKeyCounts(spec.name(), 1024, settings.averageKeyBytes()),
        () -> resolutionMaps(dir, OWNERS_DIR).openKeyCounts(spec.name(), 1024, settings.averageKeyBytes()),
        referenced, () -> resolutionMaps(dir, REJECTED_DIR).openKeyCounts(spec.name(), 1024, settings.averageKeyBytes()),
        rejectReasons);
    if (hasId && spec.hasKey()) {
      ids = maps.openIdMap(spec.name(), expectedKeys, settings.averageKeyBytes());
      if (hasWritten) {
        written = writtenMaps(dir).openKeySet(spec.name(), expectedKeys, settings.averageKeyBytes());
      }
      identity = new KeyedIdentity(spec, idColumn, keys, ids, written, states);
    } else if (spec.hasKey()) {
      KeySet seen = maps.openKeySet(spec.name(), expectedKeys, settings.averageKeyBytes());
      boolean separateExisting = settings.existingRowsPresent() && spec.onExisting() == OnExisting.SKIP
          && spec.onDuplicate() != OnDuplicate.FIRST;
      KeySet existing = separateExisting
          ? writtenMaps(dir).openKeySet(spec.name(), expectedKeys, settings.averageKeyBytes())
          : null;
      identity = new LinkIdentity(spec, keys, seen, existing, states);
    } else if (hasId) {
      identity = new SequenceIdentity(idColumn);
    } else {
      identity = RowIdentity.NONE;
    }
    int ordinal = keeper.tableOrdinal(spec.name());
    if (createTarget) {
      stubs = StubLog.create(dir.idmapDir().resolve(STUBS_DIR).resolve(String.format("%04d.stubs", ordinal)));
    }
    SegmentWriter writer = settings.segmentWriters().open(dir, keeper.firstSegmentHeader(spec.name()),
        settings.maxSegmentBytes(), keeper::sealed);
    TableOutput output = new TableOutput(spec, idColumn, codecs, identity, writer, keeper.tableCounters(ordinal), keys,
        ids, written, stubs, states);
    if (identity instanceof KeyedIdentity k) {
      k.output(output);
    } else if (identity instanceof LinkIdentity l) {
      l.output(output);
    }
    return output;
  }

  private IdMaps resolutionMaps(SpillDirectory dir, String name) {
    return resolutionMaps.computeIfAbsent(name, n -> new IdMaps(dir.idmapDir().resolve(n), IdMaps.DEFAULT_FRONT_CACHE_SLOTS,
        workingBudget)); // small ones stay on the heap, within their own budget
  }

  /** The pass stage one is in, shared by every table. */
  ResolveState resolveState() {
    return resolveState;
  }

  private IdMaps writtenMaps(SpillDirectory dir) {
    if (writtenMaps == null) {
      writtenMaps = new IdMaps(dir.idmapDir().resolve(WRITTEN_DIR), IdMaps.DEFAULT_FRONT_CACHE_SLOTS, heapBudget);
    }
    return writtenMaps;
  }

  TableOutput get(String name) {
    TableOutput table = byName.get(name);
    if (table == null) {
      throw new IllegalArgumentException("no table " + name + " among " + byName.keySet());
    }
    return table;
  }

  /** Parents first. */
  Collection<TableOutput> inLoadOrder() {
    return byName.values();
  }

  /** Writes the created rows still pending, seals every segment, closes the maps (flushed, reopenable), removes the working maps. */
  void finish() {
    byName.values().forEach(TableOutput::writeStubs);
    byName.values().forEach(t -> t.writer().close());
    closeMaps(null);
  }

  /**
   * After a failure: removes unsealed segments and stub logs, closes the maps. Failures here are
   * added to {@code cause} as suppressed, never thrown over it.
   */
  void abort(Throwable cause) {
    for (TableOutput t : byName.values()) {
      try {
        t.writer().abort();
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
      try {
        t.discardStubs();
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
    closeMaps(cause);
  }

  /**
   * Closes the id maps and written key sets; removes the reject reasons and the resolution pass's
   * working maps (their directories with them: they hold input keys and are never read again).
   * With a {@code cause}, failures are suppressed into it, else the first is thrown.
   */
  private void closeMaps(Throwable cause) {
    List<RuntimeException> failures = new ArrayList<>();
    List<IdMaps> all = new ArrayList<>(List.of(maps));
    if (writtenMaps != null) {
      all.add(writtenMaps);
    }
    for (IdMaps m : all) {
      if (m == null) {
        continue;
      }
      try {
        m.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (rejectReasons != null) {
      try {
        rejectReasons.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    for (IdMaps m : resolutionMaps.values()) {
      try {
        m.discard();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    resolutionMaps.clear();
    if (failures.isEmpty()) {
      return;
    }
    if (cause != null) {
      failures.forEach(cause::addSuppressed);
      return;
    }
    RuntimeException first = failures.get(0);
    failures.subList(1, failures.size()).forEach(first::addSuppressed);
    throw first;
  }
}
