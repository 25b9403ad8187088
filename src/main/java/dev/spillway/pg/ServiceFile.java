package dev.spillway.pg;

import dev.spillway.segment.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one service from a connection service file ({@code pg_service.conf}), with libpq's rules:
 * <pre>
 * # comment
 * [service-name]
 * keyword=value
 * </pre>
 * Leading and trailing whitespace of a line is ignored; blank lines and lines starting with
 * {@code #} are skipped; nothing is trimmed around {@code =}. Inside the wanted section a line
 * without {@code =}, a nested {@code service=} or an unknown keyword is an error naming the file and
 * line. A missing file is simply "no such service here".
 */
final class ServiceFile {
  private ServiceFile() {}

  /** The section's settings, or empty when the file does not exist or has no such section. */
  static Optional<Map<Keyword, String>> lookup(Path file, String service) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConnectionOptionsException("cannot read service file " + file + ": " + IoErrors.describe(e), e);
    }
    Map<Keyword, String> found = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (found != null) {
          break; // end of our section
        }
        if (line.endsWith("]") && line.substring(1, line.length() - 1).equals(service)) {
          found = new EnumMap<>(Keyword.class);
        }
        continue;
      }
      if (found != null) {
        readSetting(file, i + 1, line, found);
      }
    }
    return Optional.ofNullable(found);
  }

  private static void readSetting(Path file, int lineNumber, String line, Map<Keyword, String> into) {
    int eq = line.indexOf('=');
    if (eq < 0) {
      throw new ConnectionOptionsException("syntax error in service file " + file + ", line " + lineNumber
          + ": expected keyword=value");
    }
    String key = line.substring(0, eq);
    if (key.equals("service")) {
      throw new ConnectionOptionsException("nested service specifications not supported in service file " + file
          + ", line " + lineNumber);
    }
    Keyword k = Keyword.byName(key).orElseThrow(() -> new ConnectionOptionsException("invalid connection option \""
        + key + "\" in service file " + file + ", line " + lineNumber + " (supported: " + Keyword.supportedList() + ")"));
    into.putIfAbsent(k, line.substring(eq + 1)); // libpq keeps the first setting
  }
}
