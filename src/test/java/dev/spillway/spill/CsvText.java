package dev.spillway.spill;

import java.util.List;

/**
 * Writes test CSV in COPY's dialect: null as an unquoted empty field, the empty string as
 * {@code ""}, fields with a delimiter, quote or line break quoted with doubled quotes.
 */
final class CsvText {
  private final StringBuilder text = new StringBuilder();

  CsvText row(String... fields) {
    return row(java.util.Arrays.asList(fields));
  }

  CsvText row(List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      String f = fields.get(i);
      if (f == null) {
        continue;
      }
      if (f.isEmpty() || f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
        text.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        text.append(f);
      }
    }
    text.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
