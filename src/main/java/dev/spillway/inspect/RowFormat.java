package dev.spillway.inspect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output formats of {@code spillway cat}; on the command line in lower case. */
public enum RowFormat {
  /** For {@code COPY (FORMAT csv)}: NULL unquoted empty, empty string {@code ""}. */
  CSV,
  /** For {@code COPY (FORMAT text)}: tab-separated, NULL {@code \N}, backslash escapes. */
  TSV,
  /** One JSON object per row. */
  JSONL,
  /** A plain binary COPY stream, for {@code COPY (FORMAT binary)} and psql. */
  BINARY;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the command-line spelling; IllegalArgumentException naming the choices otherwise. */
  public static RowFormat parse(String name) {
    for (RowFormat f : values()) {
      if (f.cliName().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("expected one of " + Arrays.stream(values()).map(RowFormat::cliName)
        .collect(Collectors.joining(", ")) + ", found '" + name + "'");
  }
}
