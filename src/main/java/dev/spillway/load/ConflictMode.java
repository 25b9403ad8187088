package dev.spillway.load;

import java.util.Locale;

/**
 * What {@code spillway load} does with a row whose key already exists in the target table
 * ({@code --on-conflict}).
 *
 * <ul>
 *   <li>{@link #ERROR}: COPY straight into the target; a unique violation fails the segment's
 *       transaction (nothing of that segment is loaded) and the load stops.
 *   <li>{@link #SKIP}: COPY into a temporary table, then {@code INSERT ... ON CONFLICT DO NOTHING}:
 *       existing rows stay as they are.
 *   <li>{@link #UPDATE}: COPY into a temporary table, then {@code INSERT ... ON CONFLICT (key) DO
 *       UPDATE SET} the non-key columns: existing rows take the spill's values.
 * </ul>
 */
public enum ConflictMode {
  ERROR,
  SKIP,
  UPDATE;

  /** The spelling on the command line and in JSON: {@code error}, {@code skip}, {@code update}. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the command-line spelling (case-insensitive); the error echoes the value and lists the choices. */
  public static ConflictMode parse(String value) {
    for (ConflictMode mode : values()) {
      if (mode.optionValue().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("--on-conflict expects error, skip or update, got: '" + value + "'");
  }
}
