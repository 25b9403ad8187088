package dev.spillway.pg;

/**
 * {@code FOREIGN KEY (column) REFERENCES referencedTable (referencedColumn)}: a plan ref from a
 * child column to its parent's id column.
 *
 * @param column           referencing column of the table being defined
 * @param referencedTable  parent table
 * @param referencedColumn parent's id column (which has a primary key)
 */
public record ForeignKeyDef(String column, QualifiedName referencedTable, String referencedColumn) {
  public ForeignKeyDef {
    Identifiers.check(column);
    if (referencedTable == null) {
      throw new IllegalArgumentException("referenced table is null for column " + column);
    }
    Identifiers.check(referencedColumn);
  }
}
