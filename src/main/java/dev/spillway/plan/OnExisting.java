package dev.spillway.plan;

import java.util.Locale;

/**
 * What stage one does with a row whose natural key already exists in the target database
 * (incremental loads with {@code --url}).
 */
public enum OnExisting {
  /** Keep the database's row, reuse its id, emit nothing. The default. */
  SKIP,
  /** Emit the row so stage two updates the existing one, keeping its id. */
  UPDATE;

  /** The spelling in a plan. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
