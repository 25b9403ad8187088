package dev.spillway.pgbinary;

/**
 * Maps each {@link PgType} to its {@link Codec} factory (enum-keyed; a duplicate registration is an
 * error). {@link #codecFor(ColumnType)} is called once per column at plan time.
 */
public final class CodecRegistry {
  // TODO(pgbinary): EnumMap<PgType, Function<ColumnType, Codec>>, array codec wrapping scalars.

  public static CodecRegistry standard() {
    return new CodecRegistry();
  }

  public Codec codecFor(ColumnType type) {
    throw new UnsupportedOperationException("not yet: " + type);
  }
}
