package dev.spillway.api;

import dev.spillway.pg.MergeTarget;
import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.StagedMerge;
import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.pgbinary.PgType;
import dev.spillway.pgbinary.TupleEncoder;
import dev.spillway.plan.OnExisting;
import dev.spillway.plan.TableSpec;
import java.util.Optional;

/**
 * A plan table as the live writer uses it, resolved once when the writer opens: its codecs (one
 * per column, the ones stage one uses), the tuple encoder, where rows go, its staging table and
 * the merge its {@code on_existing} rule asks for ({@code skip} or {@code update}, the SQL of
 * {@code load --on-conflict}). Immutable except for whether the stage exists in the transaction.
 */
final class LiveTable {
  final TableSpec spec;
  final QualifiedName target;
  final Codec[] codecs;
  final TupleEncoder encoder;
  final MergeTarget mergeTarget;
  /** The merge of emitted rows: the table's on_existing rule. */
  final StagedMerge merge;
  /** The merge of rows created by {@code missing: create}: never updates an existing row. */
  final StagedMerge createMerge;
  /** Ordinal of the id column; -1 when none. */
  final int idOrdinal;
  final boolean idIsInteger;
  final int[] keyOrdinals;
  /** Whether the staging table was created in this writer's transaction. */
  boolean staged;

  /**
   * @param writer number of the writer in this JVM: two writers in one transaction each stage in a
   *               table of their own ({@code spillway_live_<writer>_<ordinal>})
   */
  LiveTable(TableSpec spec, String schema, int ordinal, long writer, CodecRegistry registry) {
    this.spec = spec;
    this.target = QualifiedName.of(schema, spec.name());
    this.codecs = spec.columns().stream().map(c -> registry.codecFor(c.type())).toArray(Codec[]::new);
    this.encoder = new TupleEncoder(codecs);
    this.mergeTarget = new MergeTarget(target, spec.columnNames(), spec.idColumn(), spec.key());
    String stage = "spillway_live_" + writer + "_" + ordinal;
    this.merge = new StagedMerge(stage, spec.onExisting() == OnExisting.UPDATE);
    this.createMerge = new StagedMerge(stage, false);
    this.idOrdinal = spec.idOrdinal();
    this.idIsInteger = idOrdinal >= 0 && spec.columns().get(idOrdinal).type().base() == PgType.INTEGER;
    this.keyOrdinals = spec.keyOrdinals();
  }

  String name() {
    return spec.name();
  }

  Optional<String> idColumn() {
    return spec.idColumn();
  }

  /** The codec of key column {@code part}. */
  Codec keyCodec(int part) {
    return codecs[keyOrdinals[part]];
  }

  /** The id boxed for a column of type {@code integer} or {@code bigint}; null when an integer cannot hold it. */
  static Object box(long id, boolean asInteger) {
    if (!asInteger) {
      return id;
    }
    return id >= Integer.MIN_VALUE && id <= Integer.MAX_VALUE ? Integer.valueOf((int) id) : null;
  }
}
