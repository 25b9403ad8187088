package dev.spillway.segment;

/**
 * Test fixture: one damaged copy of a file, for {@link SpillFuzzTest}.
 *
 * @param description what was done, for failure messages
 * @param bytes       the damaged content
 * @param reencoded   true when a zstd segment was re-compressed behind an honest trailer (so a lone
 *                    reader may legitimately accept it: only the manifest can tell)
 */
record Mutation(String description, byte[] bytes, boolean reencoded) {
  Mutation(String description, byte[] bytes) {
    this(description, bytes, false);
  }
}
