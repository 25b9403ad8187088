/**
 * The database layer stage two stands on: connections resolved like psql/libpq
 * ({@link dev.spillway.pg.ConnectionOptions}, {@link dev.spillway.pg.ConnectionFactory}), identifier
 * quoting ({@link dev.spillway.pg.Identifiers}), DDL from neutral table definitions
 * ({@link dev.spillway.pg.Ddl}), catalog reads ({@link dev.spillway.pg.Catalog}), the control schema
 * with its progress and deferred-object tables ({@link dev.spillway.pg.ControlSchema}), the per-spill
 * advisory lock ({@link dev.spillway.pg.SpillLock}) and the commit decision after a lost COMMIT
 * ({@link dev.spillway.pg.CommitCheck}).
 *
 * <p>Rules of the package: every identifier that reaches SQL text goes through
 * {@link dev.spillway.pg.Identifiers#quote}; every value goes through a bind parameter; a password
 * never reaches a {@code toString()}, a log line or an exception message; every
 * {@link java.sql.SQLException} leaves the package wrapped in a {@link dev.spillway.pg.PgException}
 * (SQLState and cause kept, interrupts re-asserted). This package does not import
 * {@code input}, {@code idmap}, {@code spill}, {@code load} or {@code segment}.
 */
package dev.spillway.pg;
