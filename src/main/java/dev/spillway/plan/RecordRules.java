package dev.spillway.plan;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;

/**
 * How a source's lines and records are taken, beyond the CSV dialect: the {@code comment},
 * {@code skip_lines}, {@code missing_fields}, {@code extra_fields} and {@code skip_blank_lines} keys
 * of {@code format:}.
 *
 * @param comment       a record starting with this text (unquoted, at the start of its line) is skipped
 *                      and counted {@code skipped} for the source, not rejected; null for none
 * @param skipLines     the first physical lines skipped before anything is read (before the header), >= 0
 * @param missingFields what a record with fewer fields than expected does: rejected, or NULL for the absent ones
 * @param extraFields   what a record with more fields than expected does: rejected, or the extra ones ignored
 * @param skipBlankLines whether an empty line (no character before its line break, outside quotes) is
 *                      skipped and counted {@code skipped} for the source, like a comment; false reads it
 *                      as COPY does, one empty field (csv and text; jsonl always skips blank lines)
 */
public record RecordRules(String comment, int skipLines, MissingFields missingFields, ExtraFields extraFields,
    boolean skipBlankLines) {
  /** The defaults: every line read, a record with another field count rejected. */
  public static final RecordRules STRICT = new RecordRules(null, 0, MissingFields.REJECT, ExtraFields.REJECT, false);

  /** {@code missing_fields}. */
  public enum MissingFields { REJECT, NULL }

  /** {@code extra_fields}. */
  public enum ExtraFields { REJECT, IGNORE }

  public RecordRules {
    checkArgument(comment == null || !comment.isEmpty() && comment.indexOf('\n') < 0 && comment.indexOf('\r') < 0,
        "comment is empty or holds a line break: %s", comment);
    checkArgument(skipLines >= 0, "skipLines < 0: %s", skipLines);
    Objects.requireNonNull(missingFields, "missingFields");
    Objects.requireNonNull(extraFields, "extraFields");
  }

  /** Rules that read blank lines as COPY does. */
  public RecordRules(String comment, int skipLines, MissingFields missingFields, ExtraFields extraFields) {
    this(comment, skipLines, missingFields, extraFields, false);
  }

  public RecordRules withSkipBlankLines(boolean skip) {
    return new RecordRules(comment, skipLines, missingFields, extraFields, skip);
  }

  /** Whether lines are filtered before the CSV parser (comments or skipped lines). */
  public boolean filtersLines() {
    return comment != null || skipLines > 0;
  }

  /** Whether a record with {@code fields} fields is taken when {@code expected} are expected. */
  public boolean accepts(int fields, int expected) {
    return fields == expected
        || fields < expected && missingFields == MissingFields.NULL
        || fields > expected && extraFields == ExtraFields.IGNORE;
  }
}
