package dev.spillway.pgbinary;

/**
 * The scalar PostgreSQL types spillway can encode, each with the canonical SQL name used in plans,
 * manifests and segment headers. Arrays are a {@link ColumnType} with {@code array = true} over one of
 * these, never a separate constant.
 */
public enum PgType {
  BOOLEAN("boolean"),
  SMALLINT("smallint"),
  INTEGER("integer"),
  BIGINT("bigint"),
  REAL("real"),
  DOUBLE("double precision"),
  NUMERIC("numeric"),
  TEXT("text"),
  VARCHAR("varchar"),
  CHAR("char"),
  BYTEA("bytea"),
  DATE("date"),
  TIME("time"),
  TIMESTAMP("timestamp"),
  TIMESTAMPTZ("timestamptz"),
  INTERVAL("interval"),
  UUID("uuid"),
  JSON("json"),
  JSONB("jsonb"),
  INET("inet");

  /** Canonical SQL spelling, without modifiers. */
  private final String sqlName;

  PgType(String sqlName) {
    this.sqlName = sqlName;
  }

  public String sqlName() {
    return sqlName;
  }
}
