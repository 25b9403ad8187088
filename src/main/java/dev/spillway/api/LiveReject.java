package dev.spillway.api;

/**
 * A record the live writer did not write, with why: what a line of rejects.csv says for a CSV
 * record, with the source name and the record's sequence number instead of file and line.
 *
 * @param source   the plan source the record was given to
 * @param sequence the record's 1-based number among that source's records of this writer
 * @param table    the table of the row that failed, or null when the record failed as a whole
 * @param column   the column that failed, or null
 * @param value    the offending value as text, or null
 * @param reason   why, e.g. {@code missing ref package[foo]}
 */
public record LiveReject(String source, long sequence, String table, String column, String value, String reason) {}
