package dev.spillway.inspect;

import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.pgbinary.InvalidValueException;
import dev.spillway.segment.RawTuple;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.SpillFormatException;
import java.util.List;

/**
 * Decodes tuples of one column list to Java values with the column types' codecs, each resolved
 * once here, never per row. A payload its codec refuses is a {@link SpillFormatException} naming the
 * file, the offset of the payload, the row, the column and its type. Not thread-safe (one value
 * array, reused).
 */
final class RowDecoder {
  private final List<SpillColumn> columns;
  /** codecs[i] decodes column i. */
  private final Codec[] codecs;
  /** The values of the last decoded row; null entries are SQL NULL. */
  private final Object[] values;

  RowDecoder(List<SpillColumn> columns, CodecRegistry registry) {
    this.columns = List.copyOf(columns);
    this.codecs = columns.stream().map(c -> registry.codecFor(c.type())).toArray(Codec[]::new);
    this.values = new Object[codecs.length];
  }

  List<SpillColumn> columns() {
    return columns;
  }

  Codec codec(int column) {
    return codecs[column];
  }

  /** Decodes {@code tuple}; the array is reused by the next call. */
  Object[] decode(RawTuple tuple, RowContext at) {
    for (int i = 0; i < codecs.length; i++) {
      if (tuple.isNull(i)) {
        values[i] = null;
        continue;
      }
      int offset = tuple.payloadOffset(i);
      try {
        values[i] = codecs[i].decode(tuple.array(), offset, tuple.payloadLength(i));
      } catch (InvalidValueException e) {
        throw new SpillFormatException(at.file(), at.tupleOffset() + offset, "row " + at.rowNumber() + ", column "
            + columns.get(i).name() + " (" + columns.get(i).type() + "): " + e.reason() + at.offsetNote(), e);
      }
    }
    return values;
  }
}
