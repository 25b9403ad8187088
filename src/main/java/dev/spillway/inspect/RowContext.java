package dev.spillway.inspect;

import java.nio.file.Path;

/**
 * Where a row came from, for messages about it.
 *
 * @param file        the segment file
 * @param rowNumber   the row's number in the table, from 1
 * @param tupleOffset offset of the tuple in the segment's binary COPY stream
 * @param offsetNote  appended to messages, saying what offsets count (empty for a plain file)
 */
public record RowContext(Path file, long rowNumber, long tupleOffset, String offsetNote) {}
