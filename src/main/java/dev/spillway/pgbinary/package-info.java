/**
 * PostgreSQL binary COPY type codecs: text input with the server's rules, binary COPY payloads
 * byte-identical to the server's {@code *_send} functions, hardened decoding of untrusted payloads,
 * and text output as the server's output functions print it. No I/O policy and no JDBC here.
 *
 * <p>Entry points: {@link dev.spillway.pgbinary.CodecRegistry#standard()} resolves a
 * {@link dev.spillway.pgbinary.ColumnType} to its {@link dev.spillway.pgbinary.Codec} once per
 * column; {@link dev.spillway.pgbinary.TupleEncoder} and {@link dev.spillway.pgbinary.TupleDecoder}
 * write and read whole tuples. Codecs, registry, encoder and decoder are immutable and thread-safe;
 * {@link dev.spillway.pgbinary.ByteSink} is not.
 *
 * <p>Value classes per type (arrays are unmodifiable {@code List<Object>} of these, null = NULL):
 * <table>
 *   <caption>Java value of each column type</caption>
 *   <tr><th>type</th><th>value</th><th>notes</th></tr>
 *   <tr><td>boolean</td><td>Boolean</td><td></td></tr>
 *   <tr><td>smallint, integer, bigint</td><td>Short, Integer, Long</td><td></td></tr>
 *   <tr><td>real, double precision</td><td>Float, Double</td><td>bits kept as is: -0, -NaN</td></tr>
 *   <tr><td>numeric[(p,s)]</td><td>BigDecimal or NumericSpecial</td><td>display scale = max(0, scale)</td></tr>
 *   <tr><td>text, varchar(n), char(n), json</td><td>String</td><td>char(n) blank-padded; json verbatim</td></tr>
 *   <tr><td>jsonb</td><td>String</td><td>the server's canonical rendering</td></tr>
 *   <tr><td>bytea</td><td>byte[]</td><td></td></tr>
 *   <tr><td>date</td><td>LocalDate</td><td>MAX/MIN = infinity/-infinity</td></tr>
 *   <tr><td>time</td><td>LocalTime</td><td>MAX = 24:00:00</td></tr>
 *   <tr><td>timestamp</td><td>LocalDateTime</td><td>MAX/MIN = infinity/-infinity</td></tr>
 *   <tr><td>timestamptz</td><td>Instant</td><td>MAX/MIN = infinity/-infinity</td></tr>
 *   <tr><td>interval</td><td>PgInterval</td><td>months, days, micros</td></tr>
 *   <tr><td>uuid</td><td>UUID</td><td></td></tr>
 *   <tr><td>inet</td><td>PgInet</td><td>IPv4-mapped IPv6 stays IPv6</td></tr>
 * </table>
 *
 * <p>Text input follows the server's input functions (with the column's typmod, as COPY applies
 * it), pinned by tests that compare our verdict and rendering with a live server's on edge values
 * and on fuzzed input. Deliberate differences, where we refuse what the server would take:
 * date/time input beyond the ISO 8601 forms with offsets, IANA zone names and PostgreSQL's fixed
 * default abbreviations (month names, {@code now}/{@code today}, POSIX zones, dynamic abbreviations,
 * run-together forms such as {@code 1200} for a time or {@code 02epoch}); float
 * {@code nan(...)}; JSON nested deeper than 6000 levels; multidimensional arrays, {@code [lo:hi]=}
 * decorations and lower bounds other than 1. Over-long {@code varchar(n)}/{@code char(n)} values are
 * errors as in COPY and INSERT, not truncated as an explicit SQL cast would.
 */
package dev.spillway.pgbinary;
