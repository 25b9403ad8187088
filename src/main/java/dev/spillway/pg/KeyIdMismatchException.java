package dev.spillway.pg;

/**
 * A staged row's natural key is in the target under another id ({@link StagedMerge#checkIds}): the
 * rows that reference the staged id would be linked to the wrong parent. Callers that know the unit
 * of work (a segment, a live flush) rethrow it with that context. Exit code 5.
 */
public class KeyIdMismatchException extends PgException {
  private final QualifiedName table;
  private final String key;
  private final String stagedId;
  private final String targetId;

  public KeyIdMismatchException(QualifiedName table, String key, String stagedId, String targetId) {
    super("table " + table + ": the row with key " + key + " has id " + stagedId + " staged but id " + targetId
        + " in the target");
    this.table = table;
    this.key = key;
    this.stagedId = stagedId;
    this.targetId = targetId;
  }

  public QualifiedName table() {
    return table;
  }

  /** The natural key, as {@code (col)=(value)}. */
  public String key() {
    return key;
  }

  /** The id the staged row carries. */
  public String stagedId() {
    return stagedId;
  }

  /** The id the target's row with that key has. */
  public String targetId() {
    return targetId;
  }
}
