package dev.spillway.pg;

/**
 * A foreign key an existing table has now, as the catalog says ({@link Catalog#foreignKeys}).
 *
 * @param name            constraint name
 * @param table           the referencing table
 * @param referencedTable the table it references
 * @param deferrable      declared {@code DEFERRABLE} (initially deferred or not)
 */
public record ForeignKeyInfo(String name, QualifiedName table, QualifiedName referencedTable, boolean deferrable) {}
