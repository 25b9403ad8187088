package dev.spillway.plan;

import java.nio.charset.StandardCharsets;

/**
 * Checks names that become SQL identifiers. Any text is allowed (every identifier is quoted), but
 * not the empty name, and not one longer than PostgreSQL's 63 bytes: Postgres would silently
 * truncate it, so two long names could end up as the same table or column.
 */
final class Identifiers {
  private Identifiers() {}

  /** PostgreSQL's NAMEDATALEN - 1. */
  static final int MAX_IDENTIFIER_BYTES = 63;

  static void check(String name, String what, String path, Problems problems) {
    if (name.isEmpty()) {
      problems.add(path, "the " + what + " name is empty");
      return;
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_IDENTIFIER_BYTES) {
      problems.add(path, what + " name is " + bytes + " bytes long; PostgreSQL keeps only " + MAX_IDENTIFIER_BYTES
          + " and would truncate it");
    }
  }
}
