package dev.spillway.load;

import dev.spillway.segment.Printable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * The two renderings of reports: left-aligned text columns separated by two spaces (first row the
 * header, trailing blanks trimmed), and indented JSON of a record's components.
 */
final class TextTable {
  /** Immutable once configured, thread-safe: a constant, not state. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TextTable() {}

  /** Every cell is {@link Printable#escape}d: names come from spill files and the database. */
  static String render(List<String[]> rawRows) {
    List<String[]> rows = rawRows.stream().map(r -> java.util.Arrays.stream(r).map(Printable::escape)
        .toArray(String[]::new)).toList();
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return out.toString();
  }

  static String json(Object record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + record.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
