package dev.spillway.load;

import dev.spillway.pg.PgException;
import dev.spillway.pg.QualifiedName;

/**
 * {@code --on-conflict skip|update} found a row of the segment whose natural key is already in the
 * target under another id: the spill numbered its ids independently of the target, so its child
 * rows would reference the wrong parents. The segment's transaction is rolled back (nothing of it
 * loaded). Names the table, the segment, the key and both ids. Exit code 5.
 */
public final class IdMismatchException extends PgException {
  private final QualifiedName table;
  private final String segmentFile;
  private final String key;
  private final String spillId;
  private final String targetId;

  IdMismatchException(QualifiedName table, String segmentFile, String key, String spillId, String targetId) {
    super("segment " + segmentFile + " of table " + table + ": the row with key " + key + " has id " + spillId
        + " in the spill but id " + targetId + " in the target; --on-conflict skip|update would link its child rows"
        + " to the wrong parent. The spill's ids were not taken from this target: spill again seeded from it"
        + " (spillway spill --incremental ...) or use spillway run --incremental, so the spill reuses the target's ids."
        + " Nothing of this segment was loaded.");
    this.table = table;
    this.segmentFile = segmentFile;
    this.key = key;
    this.spillId = spillId;
    this.targetId = targetId;
  }

  public QualifiedName table() {
    return table;
  }

  public String segmentFile() {
    return segmentFile;
  }

  /** The natural key, as {@code (col)=(value)}. */
  public String key() {
    return key;
  }

  /** The id the spill gives the row. */
  public String spillIdValue() {
    return spillId;
  }

  /** The id the target's row with that key has. */
  public String targetId() {
    return targetId;
  }
}
