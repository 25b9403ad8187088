package dev.spillway.spill;

/**
 * A table with an id column but no natural key: every row is new and gets the next id, 1, 2, 3, ...
 * or, after seeding from the database, above the largest existing id (only {@code max(id)} is
 * read, not the rows).
 */
final class SequenceIdentity implements RowIdentity {
  private final IdColumn idColumn;
  /** The id the next row gets; >= 1. */
  private long nextId = 1;

  SequenceIdentity(IdColumn idColumn) {
    this.idColumn = idColumn;
  }

  @Override
  public RowStatus claim(Object[] row, RowProblem problem) {
    idColumn.put(row, nextId);
    nextId++;
    return RowStatus.WRITTEN;
  }

  @Override
  public Seeding seeding() {
    return Seeding.MAX_ID;
  }

  @Override
  public void seedMaxId(long maxId) {
    if (maxId >= nextId) {
      nextId = maxId + 1;
    }
  }
}
