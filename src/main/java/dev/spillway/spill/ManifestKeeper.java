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
 * (atomically, by {@link ManifestStore}) when the run starts, as segments seal (not after every one:
 * see {@link PublishSchedule}), after a failure, and at the end: state {@code open} until
 * {@link #complete}, so a crash leaves a manifest that lists only durable segments (perhaps not all
 * of them) and says the spill is unfinished. Sealed segments are collected in a list of their own
 * and the {@link Manifest} is built only to publish it, so a seal costs O(1). Counters are
 * snapshots of the live {@link TableCounters} at each publication; while open, a table's
 * {@code written} may count rows still in its unsealed segment. Single-threaded (seal listeners
 * run on the writing thread).
 */
final class ManifestKeeper {
  private final ManifestStore store;
  private final PublishSchedule schedule;
  /** Live counters of each table, in manifest order (load order). */
  private final List<TableCounters> tableCounters = new ArrayList<>();
  /** Live counters of each source file, in reading order. */
  private final List<TableCounters> sourceCounters = new ArrayList<>();
  /** Every segment sealed so far, in sealing order. */
  private final List<SealedSegment> segments = new ArrayList<>();
  /** The manifest as first published: tables, sources, no segments, counters zero. */
  private final Manifest initial;
  /** The manifest as last published. */
  private Manifest manifest;
  /** Publications so far (tests). */
  private int publications;

  /**
   * Builds and publishes the open manifest: tables in {@code tablesInLoadOrder} (their position is
   * their ordinal), one source entry per input file, no segments, counters zero.
   */
  ManifestKeeper(ManifestStore store, PublishSchedule schedule, String spillId, String spillwayVersion, Instant createdAt,
      String targetSchema, List<TableSpec> tablesInLoadOrder, List<String> sourceFiles) {
    this(store, schedule, spillId, spillwayVersion, createdAt, targetSchema, tablesInLoadOrder, sourceFiles,
        java.util.Collections.nCopies(sourceFiles.size(), null));
  }

  /** @param fingerprints one per source file, same order (null: none) */
  ManifestKeeper(ManifestStore store, PublishSchedule schedule, String spillId, String spillwayVersion, Instant createdAt,
      String targetSchema, List<TableSpec> tablesInLoadOrder, List<String> sourceFiles,
      List<dev.spillway.segment.SourceFingerprint> fingerprints) {
    this.store = store;
    this.schedule = schedule;
    List<ManifestTable> tables = new ArrayList<>();
    for (TableSpec t : tablesInLoadOrder) {
      List<SpillColumn> columns = t.columns().stream().map(c -> new SpillColumn(c.name(), c.type())).toList();
      tables.add(ManifestTable.of(t.name(), columns, t.idColumn().orElse(null), t.key(), t.references(), t.notNull())
          .withDistribution(t.distribution().distributeBy().orElse(null), t.distribution().reference()));
      tableCounters.add(new TableCounters());
    }
    List<ManifestSource> sources = new ArrayList<>();
    for (int i = 0; i < sourceFiles.size(); i++) {
      sources.add(new ManifestSource(sourceFiles.get(i), new TableCounters().snapshot(), fingerprints.get(i)));
      sourceCounters.add(new TableCounters());
    }
    this.initial = Manifest.open(spillId, spillwayVersion, createdAt, targetSchema, tables, sources);
    this.manifest = initial;
    write(initial);
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
    return initial.firstSegmentHeader(table);
  }

  int tableOrdinal(String table) {
    return initial.tableOrdinal(table);
  }

  /** A segment is durable: list it, and publish when the schedule says so. */
  void sealed(SealedSegment segment) {
    segments.add(segment);
    if (schedule.sealed(segments.size())) {
      publishOpen();
    }
  }

  /** Publishes every sealed segment and the current counters, state still open. */
  void publishOpen() {
    write(current());
  }

  /** Publishes the final manifest, state complete; every segment must be sealed by now. */
  Manifest complete(Instant completedAt) {
    Manifest complete = current().completed(completedAt);
    write(complete);
    return complete;
  }

  /** The manifest as last published. */
  Manifest manifest() {
    return manifest;
  }

  int publications() {
    return publications;
  }

  private void write(Manifest m) {
    store.write(m);
    manifest = m;
    publications++;
    schedule.published();
  }

  /** The open manifest with every sealed segment and the counters as they are now. */
  private Manifest current() {
    List<ManifestTable> tables = new ArrayList<>();
    for (int i = 0; i < tableCounters.size(); i++) {
      tables.add(initial.tables().get(i).withCounters(tableCounters.get(i).snapshot()));
    }
    List<ManifestSource> sources = new ArrayList<>();
    for (int i = 0; i < sourceCounters.size(); i++) {
      ManifestSource source = initial.sources().get(i);
      sources.add(new ManifestSource(source.file(), sourceCounters.get(i).snapshot(), source.fingerprint()));
    }
    return new Manifest(initial.formatVersion(), initial.spillId(), initial.state(), initial.spillwayVersion(),
        initial.createdAt(), null, initial.targetSchema(), tables, sources, segments);
  }
}
