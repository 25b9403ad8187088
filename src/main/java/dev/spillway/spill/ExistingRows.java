package dev.spillway.spill;

import dev.spillway.plan.TableSpec;
import java.util.List;
import java.util.OptionalLong;

/**
 * The rows already in the target database, for incremental loads ({@code --url}): stage one seeds
 * each table's id map from them before reading any input. Stage one does not talk to a database
 * itself; the command line implements this over {@code dev.spillway.pg}.
 *
 * <p>Contract: {@link #checkConnection()} is called once, before {@code --out} is touched, so an
 * unreachable database or a bad URL fails without harming an existing spill. Rows are streamed to
 * the sink one at a time (never collected on the heap); a key part is the server's text output of
 * the column ({@code col::text}), null for SQL NULL, in the table's key order; the id is the id
 * column's value, empty when the table has no id column. A table that does not exist yet has no
 * rows (stage two creates it). Failures are runtime exceptions naming the step and the table.
 */
public interface ExistingRows {

  /** Receives one existing row. */
  @FunctionalInterface
  interface Sink {
    void row(OptionalLong id, List<String> keyParts);
  }

  /** Connects to the database (and lets go again): throws when it cannot be reached or refuses us. */
  void checkConnection();

  /**
   * Streams {@code schema.table}'s id and key columns ({@link TableSpec#idColumn()},
   * {@link TableSpec#key()}) to {@code sink}; at least one of them exists.
   *
   * @return the number of rows streamed
   */
  long scan(String schema, TableSpec table, Sink sink);

  /**
   * The largest value of {@code schema.table}'s id column ({@code SELECT max(id)}), for a table with
   * an id and no key, where only the maximum matters; empty when the table is empty or missing.
   */
  OptionalLong maxId(String schema, TableSpec table);
}
