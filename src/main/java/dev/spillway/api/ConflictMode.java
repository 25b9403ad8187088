package dev.spillway.api;

/**
 * What the load does with a row whose key already exists in the target table
 * ({@code --on-conflict}).
 */
public enum ConflictMode {
  /** COPY straight into the table; a row whose key exists fails its segment and stops the load (the default). */
  ERROR,
  /** Existing rows stay as they are ({@code INSERT ... ON CONFLICT DO NOTHING} from a temporary table). */
  SKIP,
  /** Existing rows take the spill's values ({@code ON CONFLICT (key) DO UPDATE} of the non-key columns). */
  UPDATE
}
