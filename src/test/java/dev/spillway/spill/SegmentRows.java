package dev.spillway.spill;

import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.pgbinary.TupleDecoder;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.RawTuple;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentReader;
import java.util.ArrayList;
import java.util.List;

/** Reads a table's rows back from a spill's segments (without a database), decoded by the codecs. */
final class SegmentRows {
  private SegmentRows() {}

  static List<Object[]> read(SpillResult result, String table) {
    ManifestTable t = result.manifest().table(table).orElseThrow();
    CodecRegistry registry = CodecRegistry.standard();
    TupleDecoder decoder = new TupleDecoder(t.columns().stream().map(c -> registry.codecFor(c.type())).toArray(Codec[]::new));
    List<Object[]> rows = new ArrayList<>();
    RawTuple tuple = new RawTuple();
    for (SealedSegment s : result.manifest().segmentsOf(table)) {
      try (SegmentReader reader = SegmentReader.open(result.directory().root().resolve(s.file()))) {
        while (reader.next(tuple)) {
          Object[] values = new Object[t.columns().size()];
          decoder.decode(tuple.array(), 0, tuple.sizeBytes(), values);
          rows.add(values);
        }
      }
    }
    return rows;
  }
}
