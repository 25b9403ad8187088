package dev.spillway.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spillway.segment.SpillColumn;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * Rows as JSON lines: one object per line, members named after the columns in column order. SQL
 * NULL is {@code null}; boolean is {@code true}/{@code false}; smallint, integer and bigint are
 * JSON numbers; every other type is a string holding its output text (so numeric keeps its digits,
 * a float its NaN, a json column its text verbatim).
 */
final class JsonlLayout implements TextLayout {
  /** Immutable and thread-safe once built. */
  private final JsonFactory json = new JsonFactory();

  @Override
  public void header(List<SpillColumn> columns, Appendable out) {
    // Every line names its columns.
  }

  @Override
  public void row(Object[] values, RowDecoder decoder, Appendable out) throws IOException {
    StringWriter line = new StringWriter();
    try (JsonGenerator g = json.createGenerator(line)) {
      g.writeStartObject();
      for (int i = 0; i < values.length; i++) {
        g.writeFieldName(decoder.columns().get(i).name());
        Object v = values[i];
        if (v == null) {
          g.writeNull();
        } else if (v instanceof Boolean b) {
          g.writeBoolean(b);
        } else if (v instanceof Short || v instanceof Integer || v instanceof Long) {
          g.writeNumber(((Number) v).longValue());
        } else {
          g.writeString(decoder.codec(i).format(v));
        }
      }
      g.writeEndObject();
    }
    out.append(line.toString()).append('\n');
  }
}
