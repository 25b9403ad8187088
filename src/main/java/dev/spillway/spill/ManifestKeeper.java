package dev.spillway.spill;

import dev.spillway.plan.TableSpec;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestSource;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentHeader;
import dev.spillway.segment.SpillColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns the manifest while stage one runs and the counters it reports. The manifest is published
 * (atomically, by {@link ManifestStore}) when the run starts, after every sealed segment, and at the
 * end: state {@code open} until {@link #complete}, so a crash leaves a manifest that lists only
 * durable segments and says the spill is unfinished. Counters are snapshots of the live
 * {@link TableCounters} at each publication; while open, a table's {@code written} may count rows
 * still in its unsealed segment. Single-threaded (seal listeners run on the writing thread).
 */
final class ManifestKeeper {
  private final ManifestStore store;
  /** Live counters of each table, in manifest order (load order). */
  private final List<TableCounters> tableCounters = new ArrayList<>();
  /** Live counters of each source file, in reading order. */
  private final List<TableCounters> sourceCounters = new ArrayList<>();
  /** The manifest as last published. */
  private Manifest manifest;

  /**
   * Builds and publishes the open manifest: tables in {@code tablesInLoadOrder} (their position is
   * their ordinal), one source entry per input file, no segments, counters zero.
   */
  ManifestKeeper(ManifestStore store, String spillId, String spillwayVersion, Instant createdAt, String targetSchema,
      List<TableSpec> tablesInLoadOrder, List<String> sourceFiles) {
    this.store = store;
    List<ManifestTable> tables = new ArrayList<>();
    for (TableSpec t : tablesInLoadOrder) {
      List<SpillColumn> columns = t.columns().stream().map(c -> new SpillColumn(c.name(), c.type())).toList();
      tables.add(ManifestTable.of(t.name(), columns, t.idColumn().orElse(null), t.key(), t.references()));
      tableCounters.add(new TableCounters());
    }
    List<ManifestSource> sources = new ArrayList<>();
    for (String file : sourceFiles) {
      sources.add(new ManifestSource(file, new TableCounters().snapshot()));
      sourceCounters.add(new TableCounters());
    }
    this.manifest = Manifest.open(spillId, spillwayVersion, createdAt, targetSchema, tables, sources);
    store.write(manifest);
  }

  /** The live counters of the table at 1-based {@code ordinal}. */
  TableCounters tableCounters(int ordinal) {
    return tableCounters.get(ordinal - 1);
  }

  /** The live counters of the {@code index}-th source file (0-based, reading order). */
  TableCounters sourceCounters(int index) {
    return sourceCounters.get(index);
  }

  /** The header of {@code table}'s first segment (spill id, ordinal, columns). */
  SegmentHeader firstSegmentHeader(String table) {
    return manifest.firstSegmentHeader(table);
  }

  int tableOrdinal(String table) {
    return manifest.tableOrdinal(table);
  }

  /** A segment is durable: list it and publish. */
  void sealed(SealedSegment segment) {
    manifest = withCounters(manifest.withSegment(segment));
    store.write(manifest);
  }

  /** Publishes the current counters, state still open (after a failure, so the report is current). */
  void publishOpen() {
    manifest = withCounters(manifest);
    store.write(manifest);
  }

  /** Publishes the final manifest, state complete; every segment must be sealed by now. */
  Manifest complete(Instant completedAt) {
    manifest = withCounters(manifest).completed(completedAt);
    store.write(manifest);
    return manifest;
  }

  Manifest manifest() {
    return manifest;
  }

  private Manifest withCounters(Manifest m) {
    List<ManifestTable> tables = new ArrayList<>();
    for (int i = 0; i < tableCounters.size(); i++) {
      tables.add(m.tables().get(i).withCounters(tableCounters.get(i).snapshot()));
    }
    List<ManifestSource> sources = new ArrayList<>();
    for (int i = 0; i < sourceCounters.size(); i++) {
      sources.add(new ManifestSource(m.sources().get(i).file(), sourceCounters.get(i).snapshot()));
    }
    return new Manifest(m.formatVersion(), m.spillId(), m.state(), m.spillwayVersion(), m.createdAt(), m.completedAt(),
        m.targetSchema(), tables, sources, m.segments());
  }
}
