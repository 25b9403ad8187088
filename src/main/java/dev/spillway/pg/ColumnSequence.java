package dev.spillway.pg;

/**
 * A sequence that feeds a column: a {@code serial}/{@code bigserial} column's owned sequence or an
 * identity column's internal one.
 *
 * @param table    the table
 * @param column   the column it feeds
 * @param sequence the sequence
 * @param identity true for an identity column, false for a serial (owned) sequence
 */
public record ColumnSequence(QualifiedName table, String column, QualifiedName sequence, boolean identity) {}
