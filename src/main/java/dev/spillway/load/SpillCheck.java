package dev.spillway.load;

import dev.spillway.pg.Identifiers;
import dev.spillway.pg.QualifiedName;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFormat;
import dev.spillway.segment.SegmentHeader;
import dev.spillway.segment.SegmentReader;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.SpillIoException;
import dev.spillway.segment.SpillState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pre-flight check that runs before the database is touched, cheap enough for any size of
 * spill: the manifest is valid ({@link ManifestStore#read}) and {@code complete}; every table and
 * column name can be a PostgreSQL identifier ({@link #plan}); and every segment left to load exists
 * with the manifest's size and a valid header naming this spill, its table, ordinal, sequence and
 * columns ({@link #checkPresent}; segments an earlier run loaded are not opened). References may
 * form cycles (a table referencing itself, a -&gt; b -&gt; a): the loader orders what needs
 * ordering ({@link LoadQueue}). Full verification of each segment (structure, row count, CRC32C)
 * follows in {@link PreFlight}. Any failure is a {@link SpillFormatException} (exit code 4).
 */
public final class SpillCheck {
  private SpillCheck() {}

  /**
   * @param root   the spill directory
   * @param schema the target schema, or empty for the manifest's
   */
  public static LoadPlan plan(Path root, Optional<String> schema) {
    SpillDirectory dir = SpillDirectory.open(root);
    Manifest manifest = new ManifestStore(dir).read();
    if (manifest.state() != SpillState.COMPLETE) {
      throw new IncompleteSpillException(dir.manifestFile(), manifest.spillId());
    }
    return resolve(dir, manifest, schema);
  }

  /** Each of {@code segments} (of the plan's manifest) exists with its size and a header that matches the manifest. */
  static void checkPresent(LoadPlan plan, List<SealedSegment> segments) {
    for (SealedSegment segment : segments) {
      checkPresent(plan.dir(), plan.manifest(), segment);
    }
  }

  /** The tables of a valid manifest against the target schema; checks names. */
  static LoadPlan resolve(SpillDirectory dir, Manifest manifest, Optional<String> schemaOption) {
    String schema = schemaOption.orElse(manifest.targetSchema());
    List<TablePlan> tables = new ArrayList<>();
    for (int i = 0; i < manifest.tables().size(); i++) {
      ManifestTable table = manifest.tables().get(i);
      QualifiedName target = target(dir, schema, table);
      List<String> parents = new ArrayList<>();
      boolean selfReferencing = false;
      for (String referenced : table.references().values()) {
        if (referenced.equals(table.name())) {
          selfReferencing = true;
        } else if (!parents.contains(referenced)) {
          parents.add(referenced);
        }
      }
      tables.add(new TablePlan(table, target, manifest.segmentsOf(table.name()), parents, selfReferencing));
    }
    return new LoadPlan(dir, manifest, schema, tables);
  }

  private static QualifiedName target(SpillDirectory dir, String schema, ManifestTable table) {
    try {
      for (SpillColumn column : table.columns()) {
        Identifiers.check(column.name());
      }
      return QualifiedName.of(schema, table.name());
    } catch (IllegalArgumentException e) {
      throw new SpillFormatException(dir.manifestFile(), -1, "table " + table.name() + " in schema " + schema
          + " cannot be loaded into PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static void checkPresent(SpillDirectory dir, Manifest manifest, SealedSegment segment) {
    Path file = dir.resolveSegment(segment.file()); // read() already refused unsafe paths
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new SpillFormatException(file, -1, "missing: the manifest lists it as segment " + segment.sequence()
          + " of table " + segment.table(), e);
    } catch (IOException e) {
      throw new SpillIoException(file, "reading the size of segment", e);
    }
    if (size != segment.bytes()) {
      throw new SpillFormatException(file, Math.min(size, segment.bytes()), "size: expected " + segment.bytes()
          + " bytes (manifest), found " + size);
    }
    try (SegmentReader reader = SegmentReader.open(file)) {
      checkHeader(file, manifest, segment, reader.header());
    }
  }

  private static void checkHeader(Path file, Manifest manifest, SealedSegment segment, SegmentHeader header) {
    int ordinal = manifest.tableOrdinal(segment.table());
    same(file, "spillId", manifest.spillId(), header.spillId());
    same(file, "table", segment.table(), header.table());
    same(file, "tableOrdinal", ordinal, header.tableOrdinal());
    same(file, "sequence", segment.sequence(), header.sequence());
    same(file, "columns", manifest.tables().get(ordinal - 1).columns(), header.columns());
  }

  private static void same(Path file, String member, Object expected, Object found) {
    if (!expected.equals(found)) {
      throw new SpillFormatException(file, SegmentFormat.METADATA_OFFSET, "header " + member + ": expected " + expected
          + " (manifest), found " + found);
    }
  }
}
