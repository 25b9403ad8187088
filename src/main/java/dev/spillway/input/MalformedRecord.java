package dev.spillway.input;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A record the CSV reader could not turn into fields for the plan; it belongs in the rejects file
 * (with an empty table and column).
 *
 * @param file    the input file
 * @param line    the 1-based line where the record starts
 * @param rawText the record as read (fields joined back in the file's format, invalid bytes shown
 *                as U+FFFD), at most {@value CsvReader#RAW_TEXT_CHARS} characters, then {@value #CUT}
 *                when it was cut
 * @param reason  {@code wrong number of fields: 7, expected 8}, {@code invalid UTF-8},
 *                {@code unterminated quoted field from line 14 to end of file (line 16): 3 lines}
 */
public record MalformedRecord(Path file, long line, String rawText, String reason) {
  /** Marks a raw text cut short. */
  public static final String CUT = "…";

  public MalformedRecord {
    Objects.requireNonNull(file, "file");
    checkArgument(line >= 1, "line < 1: %s", line);
    Objects.requireNonNull(rawText, "rawText");
    Objects.requireNonNull(reason, "reason");
  }
}
