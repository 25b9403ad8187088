package dev.spillway.pg;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * DDL text for {@code --create-tables}, every identifier quoted:
 * <pre>
 * CREATE SCHEMA IF NOT EXISTS "s"
 * CREATE TABLE IF NOT EXISTS "s"."t" (
 *   "id" bigint, "name" text NOT NULL, "parent_id" bigint,
 *   PRIMARY KEY ("id"), UNIQUE ("name"),
 *   FOREIGN KEY ("parent_id") REFERENCES "s"."p" ("id"))
 * </pre>
 * Constraint names are left to Postgres (which derives and truncates them safely). Foreign keys are
 * inline, so tables must be created parents first (the plan's dependency order); a table that
 * references itself is fine. {@code IF NOT EXISTS} leaves an existing table untouched, constraints
 * included: checking that it fits is {@link Catalog#checkColumns}'s job. The natural key becomes a
 * plain {@code UNIQUE} (NULLs distinct, Postgres's default).
 */
public final class Ddl {
  private Ddl() {}

  public static String createSchemaIfNotExists(String schema) {
    return "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema);
  }

  public static String createTableIfNotExists(TableDef table) {
    List<String> parts = new ArrayList<>();
    for (ColumnDef c : table.columns()) {
      parts.add(Identifiers.quote(c.name()) + " " + c.sqlType() + (c.notNull() ? " NOT NULL" : ""));
    }
    table.idColumn().ifPresent(id -> parts.add("PRIMARY KEY (" + Identifiers.quote(id) + ")"));
    if (!table.keyColumns().isEmpty()) {
      parts.add("UNIQUE (" + Identifiers.quoteList(table.keyColumns()) + ")");
    }
    for (ForeignKeyDef r : table.references()) {
      parts.add("FOREIGN KEY (" + Identifiers.quote(r.column()) + ") REFERENCES " + r.referencedTable().sql()
          + " (" + Identifiers.quote(r.referencedColumn()) + ")");
    }
    return "CREATE TABLE IF NOT EXISTS " + table.name().sql() + " (" + String.join(", ", parts) + ")";
  }

  /** Schemas first (each once, in order of appearance), then the tables in the given (parents-first) order. */
  public static List<String> createAll(List<TableDef> tablesParentsFirst) {
    Set<String> schemas = new LinkedHashSet<>();
    tablesParentsFirst.forEach(t -> schemas.add(t.name().schema()));
    List<String> statements = new ArrayList<>();
    schemas.forEach(s -> statements.add(createSchemaIfNotExists(s)));
    tablesParentsFirst.forEach(t -> statements.add(createTableIfNotExists(t)));
    return statements;
  }

  /** {@code COPY "s"."t" ("a", "b") FROM STDIN (FORMAT binary)}: the statement a segment is loaded with. */
  public static String copyFromStdinBinary(QualifiedName table, List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("COPY into " + table + " needs at least one column");
    }
    return "COPY " + table.sql() + " (" + Identifiers.quoteList(columns) + ") FROM STDIN (FORMAT binary)";
  }
}
