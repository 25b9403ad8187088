package dev.spillway.segment;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The index of a spill directory, {@code manifest.json} (schema in spill-format.md, "Manifest"):
 * what was spilled, from where, into which segments, and whether stage one finished. Immutable and
 * always valid: the constructor enforces every rule of the format (see {@link ManifestRules}), so a
 * manifest that exists in memory, built by stage one or parsed from an untrusted file, is one a
 * loader may act on. Changes return new instances.
 *
 * @param formatVersion   {@value #FORMAT_VERSION}; other versions are refused before binding
 * @param spillId         the spill's unique id (also in every segment header)
 * @param state           open while stage one runs, complete when it finished
 * @param spillwayVersion the version of spillway that wrote the spill
 * @param createdAt       when stage one started
 * @param completedAt     when stage one finished; null while open
 * @param targetSchema    the schema the tables load into
 * @param tables          tables in load order (parents first); position + 1 is the table ordinal
 * @param sources         input files with their counters
 * @param segments        sealed segments; per table, sequences 1, 2, 3, ... in this order
 */
public record Manifest(int formatVersion, String spillId, SpillState state, String spillwayVersion, Instant createdAt,
    Instant completedAt, String targetSchema, List<ManifestTable> tables, List<ManifestSource> sources,
    List<SealedSegment> segments) {

  /**
   * The manifest format this code writes and the only one it reads. 2 added {@code compression},
   * {@code plainBytes} and {@code plainCrc32c} to every {@code segments[]} entry.
   */
  public static final int FORMAT_VERSION = 2;

  public Manifest {
    checkArgument(formatVersion == FORMAT_VERSION, "manifest formatVersion %s is not supported: this spillway writes "
        + "and reads formatVersion %s", formatVersion, FORMAT_VERSION);
    Names.checkName("spillId", spillId);
    checkArgument(state != null, "state is missing");
    Names.checkName("spillwayVersion", spillwayVersion);
    checkArgument(createdAt != null, "createdAt is missing");
    Names.checkName("targetSchema", targetSchema);
    tables = Names.copyNoNulls("tables", tables);
    sources = Names.copyNoNulls("sources", sources);
    segments = Names.copyNoNulls("segments", segments);
    ManifestRules.check(state, createdAt, completedAt, tables, segments);
  }

  /** A new spill's manifest: state open, no segments yet, counters zero. */
  public static Manifest open(String spillId, String spillwayVersion, Instant createdAt, String targetSchema,
      List<ManifestTable> tables, List<ManifestSource> sources) {
    return new Manifest(FORMAT_VERSION, spillId, SpillState.OPEN, spillwayVersion, createdAt, null, targetSchema,
        tables, sources, List.of());
  }

  public Manifest withSegment(SealedSegment segment) {
    List<SealedSegment> more = new ArrayList<>(segments);
    more.add(segment);
    return new Manifest(formatVersion, spillId, state, spillwayVersion, createdAt, completedAt, targetSchema, tables,
        sources, more);
  }

  /** Replaces the table of the same name (its counters, typically). */
  public Manifest withTable(ManifestTable table) {
    int index = tableOrdinal(table.name()) - 1;
    List<ManifestTable> changed = new ArrayList<>(tables);
    changed.set(index, table);
    return new Manifest(formatVersion, spillId, state, spillwayVersion, createdAt, completedAt, targetSchema, changed,
        sources, segments);
  }

  public Manifest withSources(List<ManifestSource> newSources) {
    return new Manifest(formatVersion, spillId, state, spillwayVersion, createdAt, completedAt, targetSchema, tables,
        newSources, segments);
  }

  /** The final manifest: state complete. Each table's {@code written} must equal the rows of its segments. */
  public Manifest completed(Instant at) {
    return new Manifest(formatVersion, spillId, SpillState.COMPLETE, spillwayVersion, createdAt, at, targetSchema,
        tables, sources, segments);
  }

  public Optional<ManifestTable> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The table's 1-based ordinal: its position in {@link #tables()} plus one. */
  public int tableOrdinal(String name) {
    for (int i = 0; i < tables.size(); i++) {
      if (tables.get(i).name().equals(name)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no table " + name + " in the manifest of spill " + spillId);
  }

  public List<SealedSegment> segmentsOf(String table) {
    return segments.stream().filter(s -> s.table().equals(table)).toList();
  }

  /** The header a {@link SegmentWriter} for {@code table} starts with. */
  public SegmentHeader firstSegmentHeader(String table) {
    int ordinal = tableOrdinal(table);
    return SegmentHeader.first(spillId, table, ordinal, tables.get(ordinal - 1).columns());
  }
}
