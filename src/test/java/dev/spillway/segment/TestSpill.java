package dev.spillway.segment;

import dev.spillway.pgbinary.ByteSink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture for any package: a complete spill directory written the way stage one writes it,
 * with {@link SegmentWriter} and {@link ManifestStore}, from already-encoded tuples. Tables are
 * written in the order they are added (the first is ordinal 1).
 *
 * <pre>{@code
 * Manifest m = TestSpill.in(dir).compression(Compression.ZSTD).maxSegmentBytes(4096)
 *     .table("item", TestSpill.ID_NAME, tuples).write();
 * }</pre>
 */
public final class TestSpill {
  /** Columns (id bigint, name text), the shape of {@link #idName}. */
  public static final List<SpillColumn> ID_NAME = Tuples.ID_NAME;
  public static final Instant CREATED = Instant.parse("2024-05-01T12:00:00Z");
  public static final Instant COMPLETED = Instant.parse("2024-05-01T12:05:00Z");

  private final Path root;
  private String spillId = "spill-test-0001";
  private Compression compression = Compression.NONE;
  private long maxSegmentBytes = 1 << 20;
  private boolean complete = true;
  private final Map<String, List<SpillColumn>> columns = new LinkedHashMap<>();
  private final Map<String, List<byte[]>> tuples = new LinkedHashMap<>();

  private TestSpill(Path root) {
    this.root = root;
  }

  public static TestSpill in(Path root) {
    return new TestSpill(root);
  }

  /** A (bigint, text) tuple as binary COPY encodes it; {@code text} null is SQL NULL. */
  public static byte[] idName(long id, String text) {
    return Tuples.idName(id, text);
  }

  public TestSpill spillId(String id) {
    this.spillId = id;
    return this;
  }

  public TestSpill compression(Compression c) {
    this.compression = c;
    return this;
  }

  public TestSpill maxSegmentBytes(long bytes) {
    this.maxSegmentBytes = bytes;
    return this;
  }

  /** Leaves the manifest in state open, as a running (or crashed) stage one does. */
  public TestSpill open() {
    this.complete = false;
    return this;
  }

  public TestSpill table(String name, List<SpillColumn> tableColumns, List<byte[]> tableTuples) {
    columns.put(name, tableColumns);
    tuples.put(name, tableTuples);
    return this;
  }

  /** Writes every table's segments and the manifest; returns the manifest. */
  public Manifest write() {
    SpillDirectory dir = SpillDirectory.create(root);
    List<ManifestTable> tables = new ArrayList<>();
    columns.forEach((name, cols) -> tables.add(ManifestTable.of(name, cols, null, List.of(), Map.of())));
    List<ManifestSource> sources = List.of(new ManifestSource("input.csv",
        new RowCounters(tuples.values().stream().mapToLong(List::size).sum(), 0, 0, 0, 0)));
    Manifest m = Manifest.open(spillId, "0.1.0-test", CREATED, "public", tables, sources);
    ManifestStore store = new ManifestStore(dir);
    for (String name : columns.keySet()) {
      List<SealedSegment> sealed = new ArrayList<>();
      try (SegmentWriter w = new SegmentWriter(dir, m.firstSegmentHeader(name), maxSegmentBytes, compression, sealed::add)) {
        for (byte[] t : tuples.get(name)) {
          w.append(new ByteSink(Math.max(1, t.length)).write(t));
        }
      }
      for (SealedSegment s : sealed) {
        m = m.withSegment(s);
      }
      long rows = tuples.get(name).size();
      m = m.withTable(m.table(name).orElseThrow().withCounters(new RowCounters(rows, rows, 0, 0, 0)));
    }
    m = m.withSources(List.of(new ManifestSource("input.csv", new RowCounters(
        tuples.values().stream().mapToLong(List::size).sum(), tuples.values().stream().mapToLong(List::size).sum(), 0, 0, 0))));
    if (complete) {
      m = m.completed(COMPLETED);
    }
    store.write(m);
    return m;
  }
}
