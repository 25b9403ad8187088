package dev.spillway.spill;

import dev.spillway.plan.TableSpec;
import java.util.List;
import java.util.OptionalLong;

/**
 * The rows already in the target database, for incremental loads ({@code --url}): stage one seeds
 * each table's id map from them before reading any input. Stage one does not talk to a database
 * itself; the command line implements this over {@code dev.spillway.pg.ExistingKeys}.
 *
 * <p>Contract: rows are streamed to the sink one at a time (never collected on the heap); a key
 * part is the server's text output of the column ({@code col::text}), null for SQL NULL, in the
 * table's key order; the id is the id column's value, empty when the table has no id column. A
 * table that does not exist yet has no rows (stage two creates it).
 */
public interface ExistingRows {

  /** Receives one existing row. */
  @FunctionalInterface
  interface Sink {
    void row(OptionalLong id, List<String> keyParts);
  }

  /**
   * Streams {@code schema.table}'s id and key columns ({@link TableSpec#idColumn()},
   * {@link TableSpec#key()}) to {@code sink}; at least one of them exists.
   *
   * @return the number of rows streamed
   */
  long scan(String schema, TableSpec table, Sink sink);
}
