package dev.spillway.spill;

/**
 * A table with an id column but no natural key: every row is new and gets the next id, 1, 2, 3, ...
 * or, after seeding from the database, above the largest existing id (only {@code max(id)} is
 * read, not the rows).
 */
final class SequenceIdentity implements RowIdentity {
  private final String table;
  private final String idColumn;
  private final int idOrdinal;
  private final boolean idAsInteger;
  /** The id the next row gets; >= 1. */
  private long nextId = 1;

  SequenceIdentity(String table, String idColumn, int idOrdinal, boolean idAsInteger) {
    this.table = table;
    this.idColumn = idColumn;
    this.idOrdinal = idOrdinal;
    this.idAsInteger = idAsInteger;
  }

  @Override
  public RowStatus claim(Object[] row, RowProblem problem) {
    Object id = IdValues.box(nextId, idAsInteger);
    if (id == null) {
      throw new IdOverflow(table, idColumn, nextId);
    }
    nextId++;
    row[idOrdinal] = id;
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
