package dev.spillway.pgbinary;

/**
 * The scalar PostgreSQL types spillway can encode, each with the canonical SQL name used in plans,
 * manifests and segment headers. Arrays are a {@link ColumnType} with {@code array = true} over one of
 * these, never a separate constant. Each constant carries its built-in OID, which binary COPY arrays
 * write as their element type.
 */
public enum PgType {
  BOOLEAN("boolean", 16),
  SMALLINT("smallint", 21),
  INTEGER("integer", 23),
  BIGINT("bigint", 20),
  REAL("real", 700),
  DOUBLE("double precision", 701),
  NUMERIC("numeric", 1700),
  TEXT("text", 25),
  VARCHAR("varchar", 1043),
  CHAR("char", 1042),
  BYTEA("bytea", 17),
  DATE("date", 1082),
  TIME("time", 1083),
  TIMESTAMP("timestamp", 1114),
  TIMESTAMPTZ("timestamptz", 1184),
  INTERVAL("interval", 1186),
  UUID("uuid", 2950),
  JSON("json", 114),
  JSONB("jsonb", 3802),
  INET("inet", 869);

  /** Canonical SQL spelling, without modifiers. */
  private final String sqlName;
  /** The type's OID in pg_type (stable for built-in types); written as the element type of arrays. */
  private final int oid;

  PgType(String sqlName, int oid) {
    this.sqlName = sqlName;
    this.oid = oid;
  }

  public String sqlName() {
    return sqlName;
  }

  /** The built-in type OID ({@code int4} = 23, {@code text} = 25, ...), as binary arrays carry it. */
  public int oid() {
    return oid;
  }
}
