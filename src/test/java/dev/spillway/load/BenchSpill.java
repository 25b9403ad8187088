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
 * {@code bench_row (id bigint, name text, category integer, note text)}, seeded random values.
 *
 * <p>Usage: {@code BenchSpill DIR ROWS MAX_SEGMENT_BYTES SCHEMA}; prints the number of segments.
 */
public final class BenchSpill {
  private BenchSpill() {}

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    long rows = Long.parseLong(args[1]);
    long maxSegmentBytes = Long.parseLong(args[2]);
    String schema = args[3];
    List<SpillColumn> columns = List.of(SpillColumn.of("id", "bigint"), SpillColumn.of("name", "text"),
        SpillColumn.of("category", "integer"), SpillColumn.of("note", "text"));
    ManifestTable table = ManifestTable.of("bench_row", columns, "id", List.of(), Map.of());
    SpillDirectory dir = SpillDirectory.create(root);
    Manifest manifest = Manifest.open("bench-" + rows + "-" + maxSegmentBytes, "bench", Instant.now(), schema,
        List.of(table), List.of());
    List<SealedSegment> sealed = new ArrayList<>();
    Random random = new Random(1);
    try (SegmentWriter writer = new SegmentWriter(dir, manifest.firstSegmentHeader("bench_row"), maxSegmentBytes, sealed::add)) {
      for (long i = 1; i <= rows; i++) {
        String name = "item-" + Long.toHexString(random.nextLong());
        Object note = random.nextInt(8) == 0 ? null : "note " + i + " " + "x".repeat(random.nextInt(40));
        ByteSink tuple = SpillBuilder.tuple(columns, new Object[] {i, name, random.nextInt(1000), note});
        writer.append(tuple);
      }
    }
    manifest = manifest.withTable(table.withCounters(new RowCounters(rows, rows, 0, 0, 0)));
    for (SealedSegment s : sealed) {
      manifest = manifest.withSegment(s);
    }
    new ManifestStore(dir).write(manifest.completed(Instant.now()));
    System.out.println(sealed.size());
  }
}
