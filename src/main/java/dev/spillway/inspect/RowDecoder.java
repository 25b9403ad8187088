package dev.spillway.inspect;

import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.segment.RawTuple;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.ValueDecoder;
import java.util.List;

/**
 * Decodes tuples of one column list to Java values for {@code cat}, through the same
 * {@link ValueDecoder} verification uses (codecs resolved once, never per row). A payload its codec
 * refuses is a {@link dev.spillway.segment.SpillFormatException} naming the file, the offset of the
 * payload, the row, the column and its type. Not thread-safe (one value array, reused).
 */
final class RowDecoder {
  private final ValueDecoder values;

  RowDecoder(List<SpillColumn> columns, CodecRegistry registry) {
    this.values = new ValueDecoder(columns, registry);
  }

  List<SpillColumn> columns() {
    return values.columns();
  }

  Codec codec(int column) {
    return values.codec(column);
  }

  /** Decodes {@code tuple}; the array is reused by the next call. */
  Object[] decode(RawTuple tuple, RowContext at) {
    return values.decode(tuple, at.file(), at.rowNumber(), at.tupleOffset(), at.offsetNote());
  }
}
