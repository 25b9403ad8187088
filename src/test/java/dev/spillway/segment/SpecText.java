package dev.spillway.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Test fixture: reads tables out of {@code spill-format.md} (the project's root), so tests check
 * the spec's own text. A table is found by its exact header line; each row is its cells, trimmed,
 * with one pair of enclosing backticks removed ({@code empty} stands for the empty string).
 */
public final class SpecText {
  private SpecText() {}

  public static String spec() {
    try {
      return Files.readString(Path.of("spill-format.md"));
    } catch (IOException e) {
      throw new UncheckedIOException("spill-format.md must be readable from the project root", e);
    }
  }

  /** Rows of every table whose header line is exactly {@code header}; fails when there is none. */
  public static List<List<String>> table(String header) {
    List<String> lines = spec().lines().toList();
    List<List<String>> rows = new ArrayList<>();
    boolean found = false;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals(header)) {
        continue;
      }
      found = true;
      for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
        rows.add(cells(lines.get(j)));
      }
    }
    if (!found) {
      throw new AssertionError("spill-format.md has no table with header " + header);
    }
    return rows;
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      String c = cell.trim();
      if (c.equals("empty")) {
        c = "";
      } else if (c.length() >= 2 && c.startsWith("`") && c.endsWith("`") && c.indexOf('`', 1) == c.length() - 1) {
        c = c.substring(1, c.length() - 1);
      }
      cells.add(c);
    }
    return cells;
  }

  /** Space-separated hex pairs ({@code ""} for no bytes). */
  public static byte[] hex(String pairs) {
    return HexFormat.of().parseHex(pairs.replace(" ", ""));
  }
}
