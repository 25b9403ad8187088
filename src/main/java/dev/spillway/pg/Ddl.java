package dev.spillway.pg;

import java.util.ArrayList;
import java.util.HashSet;
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
 * plain {@code UNIQUE}; its columns and the id column are {@code NOT NULL} (stage one rejects a
 * NULL key part, so no NULL-distinctness question arises), as are the plan's {@code not_null:}
 * columns ({@link ColumnDef#notNull}).
 *
 * <p>What {@code spillway load --create-tables} runs is the pg_restore order instead:
 * {@link #createBareTable} (columns, {@code NOT NULL} on id and key columns, nothing else), the
 * data, then {@link #afterData}'s keys and foreign keys, each named as Postgres would name it
 * ({@code t_pkey}, {@code t_a_b_key}, {@code t_c_fkey}, truncated to 63 bytes like
 * {@code makeObjectName}), so a resumed load can tell which exist.
 */
public final class Ddl {
  private Ddl() {}

  public static String createSchemaIfNotExists(String schema) {
    return "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema);
  }

  public static String createTableIfNotExists(TableDef table) {
    List<String> parts = new ArrayList<>();
    parts.addAll(columns(table));
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

  /**
   * {@code CREATE TABLE "s"."t" ("id" bigint NOT NULL, "name" text NOT NULL, ...)}, with the
   * primary and unique keys inline only when {@code keysInline} (an {@code ON CONFLICT} merge needs
   * them during the load); everything else comes from {@link #afterData}.
   */
  public static String createBareTable(TableDef table, boolean keysInline) {
    List<String> parts = new ArrayList<>(columns(table));
    if (keysInline) {
      keys(table, new HashSet<>()).forEach(k -> parts.add("CONSTRAINT " + Identifiers.quote(k.name()) + " " + k.definition()));
    }
    return "CREATE TABLE " + table.name().sql() + " (" + String.join(", ", parts) + ")";
  }

  /**
   * The table's primary key, unique key (unless {@code keysInline}) and foreign keys, in that order,
   * to build after its data. {@code usedNames} holds the constraint names given so far in the
   * schema; a name already used gets a number, as Postgres does.
   */
  public static List<DeferrableObject> afterData(TableDef table, boolean keysInline, Set<String> usedNames) {
    List<DeferrableObject> out = new ArrayList<>();
    if (!keysInline) {
      out.addAll(keys(table, usedNames));
    }
    for (ForeignKeyDef r : table.references()) {
      out.add(new DeferrableObject(DeferrableObject.Kind.FOREIGN_KEY, table.name(),
          unique(objectName(table.name().name(), r.column(), "fkey"), usedNames),
          "FOREIGN KEY (" + Identifiers.quote(r.column()) + ") REFERENCES " + r.referencedTable().sql() + " ("
              + Identifiers.quote(r.referencedColumn()) + ")"));
    }
    return out;
  }

  private static List<DeferrableObject> keys(TableDef table, Set<String> usedNames) {
    List<DeferrableObject> out = new ArrayList<>();
    table.idColumn().ifPresent(id -> out.add(new DeferrableObject(DeferrableObject.Kind.KEY, table.name(),
        unique(objectName(table.name().name(), null, "pkey"), usedNames), "PRIMARY KEY (" + Identifiers.quote(id) + ")")));
    if (!table.keyColumns().isEmpty()) {
      out.add(new DeferrableObject(DeferrableObject.Kind.KEY, table.name(),
          unique(objectName(table.name().name(), String.join("_", table.keyColumns()), "key"), usedNames),
          "UNIQUE (" + Identifiers.quoteList(table.keyColumns()) + ")"));
    }
    return out;
  }

  /** Columns with their types; id, key and {@code not_null:} columns {@code NOT NULL}. */
  private static List<String> columns(TableDef table) {
    List<String> parts = new ArrayList<>();
    for (ColumnDef c : table.columns()) {
      boolean notNull = c.notNull() || table.idColumn().map(c.name()::equals).orElse(false)
          || table.keyColumns().contains(c.name());
      parts.add(Identifiers.quote(c.name()) + " " + c.sqlType() + (notNull ? " NOT NULL" : ""));
    }
    return parts;
  }

  /**
   * {@code table_columns_label} within 63 bytes: like Postgres's {@code makeObjectName}, the longer
   * of the table and column parts loses a character until it fits.
   */
  static String objectName(String table, String columns, String label) {
    String a = table;
    String b = columns == null ? "" : columns;
    int overhead = label.length() + 1 + (b.isEmpty() ? 0 : 1);
    while (utf8(a) + utf8(b) + overhead > Identifiers.MAX_IDENTIFIER_BYTES) {
      if (utf8(a) >= utf8(b)) {
        a = a.substring(0, a.offsetByCodePoints(a.length(), -1));
      } else {
        b = b.substring(0, b.offsetByCodePoints(b.length(), -1));
      }
    }
    return a + (b.isEmpty() ? "" : "_" + b) + "_" + label;
  }

  /** {@code name}, or {@code name1}, {@code name2}, ... (shortened to fit) when taken; marks it taken. */
  private static String unique(String name, Set<String> usedNames) {
    String candidate = name;
    for (int n = 1; !usedNames.add(candidate); n++) {
      String suffix = Integer.toString(n);
      String base = name;
      while (utf8(base) + suffix.length() > Identifiers.MAX_IDENTIFIER_BYTES) {
        base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
      }
      candidate = base + suffix;
    }
    return candidate;
  }

  private static int utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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
