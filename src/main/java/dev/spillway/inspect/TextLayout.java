package dev.spillway.inspect;

import dev.spillway.segment.SpillColumn;
import java.io.IOException;
import java.util.List;

/** How {@link TextRowSink} spells a header line and a row: CSV, TSV or JSON lines. Stateless. */
interface TextLayout {
  /** Writes a line naming the columns (CSV and TSV only; JSON lines name them in every row). */
  void header(List<SpillColumn> columns, Appendable out) throws IOException;

  /** Writes one row and its line end; {@code values[i]} null is SQL NULL. */
  void row(Object[] values, RowDecoder decoder, Appendable out) throws IOException;
}
