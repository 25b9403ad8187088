/**
 * Looking inside spill directories without a database: summaries for {@code spillway inspect},
 * and decoding rows to text for {@code spillway cat}. Reads spill files only through
 * {@link dev.spillway.segment} (which treats them as untrusted) and decodes values only through
 * {@link dev.spillway.pgbinary} codecs, each resolved once per column. Imports neither stage one
 * nor stage two.
 */
package dev.spillway.inspect;
