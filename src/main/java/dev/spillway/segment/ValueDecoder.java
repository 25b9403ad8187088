package dev.spillway.segment;

import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.pgbinary.InvalidValueException;
import java.nio.file.Path;
import java.util.List;

/**
 * Decodes the fields of tuples of one column list with the column types' codecs (spill-format.md,
 * section 2b), each codec resolved once here, never per row. A payload its codec refuses is a
 * {@link SpillFormatException} naming the file, the offset of the payload's first byte, the row,
 * the column and its type. Not thread-safe (one value array, reused).
 */
public final class ValueDecoder {
  private final List<SpillColumn> columns;
  /** codecs[i] decodes column i. */
  private final Codec[] codecs;
  /** The values of the last decoded row; null entries are SQL NULL. */
  private final Object[] values;

  public ValueDecoder(List<SpillColumn> columns, CodecRegistry registry) {
    this.columns = List.copyOf(columns);
    this.codecs = this.columns.stream().map(c -> registry.codecFor(c.type())).toArray(Codec[]::new);
    this.values = new Object[codecs.length];
  }

  public List<SpillColumn> columns() {
    return columns;
  }

  public Codec codec(int column) {
    return codecs[column];
  }

  /**
   * Decodes {@code tuple}, row {@code rowNumber} (from 1) whose field count starts at
   * {@code tupleOffset} of {@code file}'s binary COPY stream; {@code offsetNote} is appended to a
   * problem. The array is reused by the next call.
   */
  public Object[] decode(RawTuple tuple, Path file, long rowNumber, long tupleOffset, String offsetNote) {
    for (int i = 0; i < codecs.length; i++) {
      if (tuple.isNull(i)) {
        values[i] = null;
        continue;
      }
      int offset = tuple.payloadOffset(i);
      try {
        values[i] = codecs[i].decode(tuple.array(), offset, tuple.payloadLength(i));
      } catch (InvalidValueException e) {
        throw new SpillFormatException(file, tupleOffset + offset, "row " + rowNumber + ", column "
            + columns.get(i).name() + " (" + columns.get(i).type() + "): " + e.reason() + offsetNote, e);
      }
    }
    return values;
  }
}
