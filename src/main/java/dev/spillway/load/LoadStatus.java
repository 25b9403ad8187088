package dev.spillway.load;

import dev.spillway.pg.Catalog;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.DeferredObjectTable;
import dev.spillway.pg.ProgressRow;
import dev.spillway.pg.ProgressTable;
import dev.spillway.pg.SegmentLoad;
import dev.spillway.pg.StaleProgress;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillDirectory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads how far a spill directory is loaded ({@code spillway status}): the manifest (validated,
 * {@code open} allowed) against the progress rows of its spill id for the target schema, plus the
 * problems that would make the load refuse to resume ({@link StatusReport#problems}), plus the
 * keys, indexes and foreign keys not yet built on its target tables: dropped by a
 * {@code --defer-indexes} load of any spill, or left by {@code --create-tables} for after the data. Read-only: creates nothing, takes no lock (a load may be
 * running; the numbers are those committed so far). Immutable and thread-safe.
 */
public final class LoadStatus {
  private final ConnectionFactory factory;

  public LoadStatus(ConnectionFactory factory) {
    this.factory = factory.withApplicationName(factory.options().applicationName() + " status");
  }

  public StatusReport read(Path spillDirectory, Optional<String> schema, String controlSchemaName) {
    SpillDirectory dir = SpillDirectory.open(spillDirectory);
    Manifest manifest = new ManifestStore(dir).read();
    LoadPlan plan = SpillCheck.resolve(dir, manifest, schema);
    ControlSchema control = new ControlSchema(controlSchemaName);
    Map<String, List<ProgressRow>> progress = new HashMap<>();
    Map<String, List<String>> pending = new HashMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> gone = new HashSet<>();
    boolean controlTables;
    try (Connection c = factory.open()) {
      Catalog catalog = new Catalog(c);
      controlTables = catalog.tableExists(control.progressTable()) && catalog.tableExists(control.deferredTable());
      if (controlTables) {
        ProgressTable progressTable = new ProgressTable(control);
        for (ProgressRow row : progressTable.list(c, manifest.spillId())) {
          progress.computeIfAbsent(row.segment().tableName(), k -> new ArrayList<>()).add(row);
        }
        problems.addAll(mismatches(plan, progress, control));
        Set<String> targets = new HashSet<>();
        plan.tables().forEach(t -> targets.add(t.target().sql()));
        List<StaleProgress> stales = new ArrayList<>(progressTable.stale(c, manifest.spillId()));
        stales.addAll(new dev.spillway.pg.TargetChecks(control).emptied(c, manifest.spillId(), targets));
        for (StaleProgress stale : stales) {
          if (targets.contains(stale.tableName())) {
            gone.add(stale.tableName()); // its rows are not there: none counts as loaded
            problems.add(stale.describe() + ", " + stale.segments() + " segments (" + stale.rows() + " rows) recorded as"
                + " loaded into it; reset with: " + progressTable.resetSql(manifest.spillId(), stale.tableName()));
          }
        }
        DeferredObjectTable deferred = new DeferredObjectTable(control);
        for (TablePlan t : plan.tables()) { // dropped by the load of any spill: this one's load restores them
          for (DeferrableObject o : deferred.pending(c, t.target())) {
            pending.computeIfAbsent(o.table().sql(), k -> new ArrayList<>())
                .add(o.kind().code().replace('_', ' ') + " " + dev.spillway.pg.Identifiers.quote(o.name()));
          }
        }
      }
    } catch (SQLException e) {
      throw dev.spillway.pg.SqlErrors.wrap("closing the status connection", e);
    }
    List<TableStatus> tables = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      tables.add(status(plan, t, gone.contains(t.target().sql()) ? List.of() : progress.getOrDefault(t.target().sql(), List.of()),
          pending.getOrDefault(t.target().sql(), List.of())));
    }
    return new StatusReport(manifest.spillId(), dir.root().toString(), manifest.state().jsonName(), plan.schema(),
        controlSchemaName, controlTables, tables, problems);
  }

  /** Progress rows of the plan's target tables that the manifest does not list as they were loaded (what load refuses). */
  private static List<String> mismatches(LoadPlan plan, Map<String, List<ProgressRow>> progress, ControlSchema control) {
    List<String> out = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      Map<Long, SealedSegment> bySequence = new HashMap<>();
      t.segments().forEach(s -> bySequence.put(s.sequence(), s));
      for (ProgressRow row : progress.getOrDefault(t.target().sql(), List.of())) {
        SealedSegment s = bySequence.get(row.segment().segmentSeq());
        SegmentLoad listed = s == null ? null : t.progressRecord(plan.spillId(), s);
        if (!row.segment().equals(listed)) {
          out.add(new ProgressMismatchException(plan.dir().toString(), control.progressTable().sql(), row, listed)
              .getMessage());
        }
      }
    }
    return out;
  }

  private static TableStatus status(LoadPlan plan, TablePlan t, List<ProgressRow> rows, List<String> pending) {
    Map<Long, SealedSegment> bySequence = new HashMap<>();
    t.segments().forEach(s -> bySequence.put(s.sequence(), s));
    long segments = 0;
    long rowCount = 0;
    long bytes = 0;
    for (ProgressRow row : rows) {
      SealedSegment s = bySequence.get(row.segment().segmentSeq());
      if (s != null && row.segment().equals(t.progressRecord(plan.spillId(), s))) {
        segments++;
        rowCount += s.rows();
        bytes += s.bytes();
      }
    }
    return new TableStatus(t.name(), t.target().sql(), segments, t.segments().size(), rowCount, t.rows(), bytes,
        t.bytes(), pending.size(), pending);
  }
}
