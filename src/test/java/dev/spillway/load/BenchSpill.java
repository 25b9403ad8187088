package dev.spillway.load;

import dev.spillway.pgbinary.ByteSink;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.RowCounters;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentWriter;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.SpillDirectory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a synthetic spill for bench/load-vs-psql.sh, streaming (no rows kept in memory): one table
 * {@code bench_row (id bigint, name text, category integer, note text)}, seeded random values. With
 * {@code keys} as fifth argument, what {@code --create-tables} has constraints to build for: a
 * parent {@code bench_group (id bigint, name text)} keyed by name (one group per 100 rows), and
 * {@code bench_row (id, name, category, note, group_id -> bench_group)} keyed by name.
 *
 * <p>Usage: {@code BenchSpill DIR ROWS MAX_SEGMENT_BYTES SCHEMA [keys]}; prints the number of segments.
 */
public final class BenchSpill {
  private BenchSpill() {}

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    long rows = Long.parseLong(args[1]);
    long maxSegmentBytes = Long.parseLong(args[2]);
    String schema = args[3];
    boolean keys = args.length > 4 && args[4].equals("keys");
    List<SpillColumn> columns = new ArrayList<>(List.of(SpillColumn.of("id", "bigint"), SpillColumn.of("name", "text"),
        SpillColumn.of("category", "integer"), SpillColumn.of("note", "text")));
    List<SpillColumn> groupColumns = List.of(SpillColumn.of("id", "bigint"), SpillColumn.of("name", "text"));
    long groups = Math.max(1, rows / 100);
    List<ManifestTable> tables = new ArrayList<>();
    if (keys) {
      columns.add(SpillColumn.of("group_id", "bigint"));
      tables.add(ManifestTable.of("bench_group", groupColumns, "id", List.of("name"), Map.of()));
      tables.add(ManifestTable.of("bench_row", columns, "id", List.of("name"), Map.of("group_id", "bench_group")));
    } else {
      tables.add(ManifestTable.of("bench_row", columns, "id", List.of(), Map.of()));
    }
    SpillDirectory dir = SpillDirectory.create(root);
    Manifest manifest = Manifest.open("bench-" + rows + "-" + maxSegmentBytes + (keys ? "-keys" : ""), "bench",
        Instant.now(), schema, tables, List.of());
    List<SealedSegment> sealed = new ArrayList<>();
    Random random = new Random(1);
    if (keys) {
      try (SegmentWriter writer = new SegmentWriter(dir, manifest.firstSegmentHeader("bench_group"), maxSegmentBytes, sealed::add)) {
        for (long i = 1; i <= groups; i++) {
          writer.append(SpillBuilder.tuple(groupColumns, new Object[] {i, "group-" + i}));
        }
      }
    }
    try (SegmentWriter writer = new SegmentWriter(dir, manifest.firstSegmentHeader("bench_row"), maxSegmentBytes, sealed::add)) {
      for (long i = 1; i <= rows; i++) {
        String name = "item-" + i + "-" + Long.toHexString(random.nextLong());
        Object note = random.nextInt(8) == 0 ? null : "note " + i + " " + "x".repeat(random.nextInt(40));
        Object[] row = keys ? new Object[] {i, name, random.nextInt(1000), note, 1 + (long) random.nextInt((int) groups)}
            : new Object[] {i, name, random.nextInt(1000), note};
        writer.append(SpillBuilder.tuple(columns, row));
      }
    }
    for (ManifestTable t : tables) {
      long n = t.name().equals("bench_group") ? groups : rows;
      manifest = manifest.withTable(t.withCounters(new RowCounters(n, n, 0, 0, 0)));
    }
    for (SealedSegment s : sealed) {
      manifest = manifest.withSegment(s);
    }
    new ManifestStore(dir).write(manifest.completed(Instant.now()));
    System.out.println(sealed.size());
  }
}
