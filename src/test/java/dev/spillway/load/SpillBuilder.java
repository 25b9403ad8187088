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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: a spill directory built directly with {@link SegmentWriter} and
 * {@link ManifestStore}, independent of stage one. Columns are {@code bigint}, {@code integer} or
 * {@code text}; tuples are encoded by hand as binary COPY defines them (int16 field count; per
 * field an int32 length, -1 for NULL, and the payload: int8 as 8 bytes big-endian, int4 as 4,
 * text as UTF-8). Values: Long, Integer, String or null.
 */
final class SpillBuilder {
  /** A table to write: its manifest entry and its rows in order. */
  private record TableSpec(ManifestTable table, List<Object[]> rows) {}

  private final Path root;
  private final Map<String, TableSpec> tables = new LinkedHashMap<>();
  private String spillId = "spill-" + java.util.UUID.randomUUID();
  private String targetSchema = "public";
  private long maxSegmentBytes = 1 << 20;

  SpillBuilder(Path root) {
    this.root = root;
  }

  SpillBuilder spillId(String id) {
    this.spillId = id;
    return this;
  }

  SpillBuilder targetSchema(String schema) {
    this.targetSchema = schema;
    return this;
  }

  SpillBuilder maxSegmentBytes(long bytes) {
    this.maxSegmentBytes = bytes;
    return this;
  }

  /**
   * Declares a table, parents before children.
   *
   * @param columns "name type" pairs, e.g. {@code "id bigint", "name text"}; a name may hold spaces
   *                (the type is the last word)
   */
  SpillBuilder table(String name, List<String> columns, String idColumn, List<String> keyColumns,
      Map<String, String> references) {
    List<SpillColumn> cols = new ArrayList<>();
    for (String c : columns) {
      int space = c.lastIndexOf(' ');
      cols.add(SpillColumn.of(c.substring(0, space), c.substring(space + 1)));
    }
    tables.put(name, new TableSpec(ManifestTable.of(name, cols, idColumn, keyColumns, references), new ArrayList<>()));
    return this;
  }

  /** Gives a declared table a Citus layout (the plan's distribute_by / reference). */
  SpillBuilder distribution(String table, String distributeBy, boolean reference) {
    TableSpec spec = tables.get(table);
    tables.put(table, new TableSpec(spec.table().withDistribution(distributeBy, reference), spec.rows()));
    return this;
  }

  SpillBuilder row(String table, Object... values) {
    tables.get(table).rows().add(values);
    return this;
  }

  SpillBuilder rows(String table, List<Object[]> rows) {
    tables.get(table).rows().addAll(rows);
    return this;
  }

  /** Writes the segments and a complete manifest. */
  Spill build() {
    return write(true);
  }

  /** Writes the segments and a manifest still in state open (stage one unfinished). */
  Spill buildOpen() {
    return write(false);
  }

  private Spill write(boolean complete) {
    SpillDirectory dir = SpillDirectory.create(root);
    List<ManifestTable> declared = tables.values().stream().map(TableSpec::table).toList();
    Manifest manifest = Manifest.open(spillId, "test", Instant.parse("2024-05-01T12:00:00Z"), targetSchema, declared, List.of());
    for (TableSpec spec : tables.values()) {
      List<SealedSegment> sealed = new ArrayList<>();
      try (SegmentWriter writer = new SegmentWriter(dir, manifest.firstSegmentHeader(spec.table().name()), maxSegmentBytes,
          sealed::add)) {
        for (Object[] row : spec.rows()) {
          writer.append(tuple(spec.table().columns(), row));
        }
      }
      long rows = spec.rows().size();
      manifest = manifest.withTable(spec.table().withCounters(new RowCounters(rows, rows, 0, 0, 0)));
      for (SealedSegment s : sealed) {
        manifest = manifest.withSegment(s);
      }
    }
    if (complete) {
      manifest = manifest.completed(Instant.parse("2024-05-01T12:05:00Z"));
    }
    new ManifestStore(dir).write(manifest);
    return new Spill(dir, manifest);
  }

  static ByteSink tuple(List<SpillColumn> columns, Object[] values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
    }
    ByteSink t = new ByteSink();
    t.writeShort(values.length);
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      switch (columns.get(i).type().base()) {
        case BIGINT -> {
          if (v == null) {
            t.writeInt(-1);
          } else {
            t.writeInt(8).writeLong(((Number) v).longValue());
          }
        }
        case INTEGER -> {
          if (v == null) {
            t.writeInt(-1);
          } else {
            t.writeInt(4).writeInt(((Number) v).intValue());
          }
        }
        case TEXT -> {
          if (v == null) {
            t.writeInt(-1);
          } else {
            byte[] utf8 = ((String) v).getBytes(StandardCharsets.UTF_8);
            t.writeInt(utf8.length).write(utf8);
          }
        }
        default -> throw new IllegalArgumentException("fixture supports bigint, integer and text, not " + columns.get(i).type());
      }
    }
    return t;
  }
}
