package dev.spillway.spill;

import static com.google.common.base.Preconditions.checkState;

import dev.spillway.idmap.Assignment;
import dev.spillway.idmap.IdMap;
import dev.spillway.idmap.KeySet;
import dev.spillway.idmap.NaturalKey;
import dev.spillway.pgbinary.ByteSink;
import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.TupleEncoder;
import dev.spillway.plan.TableSpec;
import dev.spillway.segment.SegmentWriter;
import java.util.Arrays;

/**
 * Everything stage one writes for one table: the column codecs (resolved once, in the tuple
 * encoder), the {@link RowIdentity} that deduplicates and numbers rows, the segment writer, the
 * counters, and, for a table that {@code missing: create} refs point at, the id map those refs
 * assign from and the {@link StubLog} of the rows they created.
 *
 * <p>Created rows ("stubs"): a ref that creates a row assigns its id at once (so the ids of refs and
 * of later real rows agree) and logs the row; {@link #writeStubs()} writes, at the end of the run,
 * each logged row whose key no real row claimed in the meantime. A stub counts as one row read and
 * written for this table when it is written; a stub superseded by its real row is not counted.
 * Single-threaded.
 */
final class TableOutput {
  private final TableSpec spec;
  /** One codec per column, resolved once. */
  private final Codec[] codecs;
  private final TupleEncoder encoder;
  private final RowIdentity identity;
  private final SegmentWriter writer;
  private final TableCounters counters;
  /** Key encoding; null for a table without a key. */
  private final KeyEncoder keys;
  /** The table's id map, for refs (lookup) and created rows (assign); null unless the table has an id and a key. */
  private final IdMap ids;
  /** Keys whose row was written, consulted for stubs; null unless refs create rows here. */
  private final KeySet written;
  /** Rows created by refs; null unless refs create rows here. */
  private final StubLog stubs;
  /** The tuple being encoded; reused. */
  private final ByteSink tuple = new ByteSink(256);
  /** A created row being built; reused. */
  private final Object[] stubRow;
  private final int[] keyOrdinals;
  /** The id column; null for a table without one. */
  private final IdColumn idColumn;
  /** Pending and lost keys, and the pass stage one is in. */
  private final KeyStates keyStates;

  TableOutput(TableSpec spec, IdColumn idColumn, Codec[] codecs, RowIdentity identity, SegmentWriter writer, TableCounters counters,
      KeyEncoder keys, IdMap ids, KeySet written, StubLog stubs, KeyStates keyStates) {
    this.keyStates = keyStates;
    this.spec = spec;
    this.codecs = codecs.clone();
    this.encoder = new TupleEncoder(codecs);
    this.identity = identity;
    this.writer = writer;
    this.counters = counters;
    this.keys = keys;
    this.ids = ids;
    this.written = written;
    this.stubs = stubs;
    this.stubRow = new Object[spec.columns().size()];
    this.keyOrdinals = spec.keyOrdinals();
    this.idColumn = idColumn;
  }

  TableSpec spec() {
    return spec;
  }

  String name() {
    return spec.name();
  }

  /** The id column; throws IllegalStateException for a table without one. */
  IdColumn idColumn() {
    checkState(idColumn != null, "table %s has no id column", spec.name());
    return idColumn;
  }

  /** The codec of the column at {@code ordinal}. */
  Codec codec(int ordinal) {
    return codecs[ordinal];
  }

  TableCounters counters() {
    return counters;
  }

  RowIdentity identity() {
    return identity;
  }

  SegmentWriter writer() {
    return writer;
  }

  /** Key encoding; null for a table without a key. */
  KeyEncoder keys() {
    return keys;
  }

  /** The id map refs resolve against; null unless the table has an id and a key. */
  IdMap ids() {
    return ids;
  }

  KeyStates keyStates() {
    return keyStates;
  }

  /**
   * Claims a built row (values by column ordinal) and writes it when it is new; returns its
   * bucket, or FATAL, with {@code problem} set for REJECTED and FATAL.
   */
  RowStatus write(Object[] row, RowProblem problem) {
    RowStatus status = identity.claim(row, problem);
    if (status == RowStatus.WRITTEN) {
      append(row);
    }
    return status;
  }

  /** Writes a row whose key its parked record reserved ({@link RowIdentity#reserve}), with that key's id. */
  void writeReserved(Object[] row) {
    identity.claimReserved(row);
    append(row);
  }

  private void append(Object[] row) {
    tuple.reset();
    encoder.encode(row, tuple);
    writer.append(tuple);
  }

  /**
   * The id of the row with {@code key}, creating that row if the key is new: it gets the next id
   * and is logged as a stub whose key columns hold {@code keyValues} (by key part, typed for the
   * columns) and whose other columns are NULL. A lost key (reserved by a parked row the resolution
   * pass dropped) has an id but no row: it is logged as a stub with that id (stubs of one key are
   * written once: see {@link #writeStubs()}).
   */
  long create(NaturalKey key, Object[] keyValues) {
    checkState(stubs != null, "table %s takes no created rows", spec.name());
    Assignment assignment = ids.assign(key);
    if (assignment.isNew() || keyStates.isLost(key)) {
      Arrays.fill(stubRow, null);
      for (int i = 0; i < keyOrdinals.length; i++) {
        stubRow[keyOrdinals[i]] = keyValues[i];
      }
      idColumn.put(stubRow, assignment.id());
      tuple.reset();
      encoder.encode(stubRow, tuple);
      stubs.append(key, tuple);
    }
    return assignment.id();
  }

  /** Writes the created rows whose real row never came (see the class comment); call once, at the end. */
  void writeStubs() {
    if (stubs == null) {
      return;
    }
    stubs.replay((key, bytes, length) -> {
      if (written.addIfAbsent(key)) {
        counters.row(RowStatus.WRITTEN);
        writer.append(bytes, 0, length);
      }
    });
  }

  /** Removes the stub log after a failed run. */
  void discardStubs() {
    if (stubs != null) {
      stubs.close();
      stubs.delete();
    }
  }
}
