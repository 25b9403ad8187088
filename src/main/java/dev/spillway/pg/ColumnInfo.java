package dev.spillway.pg;

/**
 * A column of an existing table, as the catalog describes it.
 *
 * @param name          exact column name
 * @param ordinal       attnum, 1-based position among all columns ever created (gaps after drops)
 * @param type          {@code format_type(atttypid, atttypmod)}, e.g. {@code character varying(10)}
 * @param typeOid       the column's type OID
 * @param baseTypeOid   for a column of a domain type, the domain's base type OID; else {@code typeOid}
 * @param notNull       has a NOT NULL constraint
 * @param hasDefault    has a default expression (serial columns do)
 * @param identity      {@code "always"}, {@code "by default"}, or {@code ""} for not an identity column
 * @param generated     a generated (computed) column, which cannot be loaded
 */
public record ColumnInfo(
    String name, int ordinal, String type, long typeOid, long baseTypeOid, boolean notNull, boolean hasDefault,
    String identity, boolean generated) {

  /** COPY would leave this column NULL and fail: NOT NULL, no default, not identity, not generated. */
  public boolean requiresValue() {
    return notNull && !hasDefault && identity.isEmpty() && !generated;
  }
}
