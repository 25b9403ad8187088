package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * A secondary index or a foreign key of a table that {@code --defer-indexes} drops before the load
 * and recreates after it, or a primary key, unique key or foreign key that {@code --create-tables}
 * builds after the data of a table it created bare ({@link Ddl#afterData}). A deferred object's
 * definition is exactly what the catalog printed with a {@code pg_catalog}-only search_path, so
 * every name in it is schema-qualified and it means the same thing on any connection.
 *
 * @param kind       index, key (primary or unique) or foreign key
 * @param table      the table it belongs to
 * @param name       index or constraint name (an index lives in its table's schema)
 * @param definition for an index the full {@code pg_get_indexdef} statement
 *                   ({@code CREATE INDEX "i" ON "s"."t" USING btree ("c")}); for a foreign key the
 *                   {@code pg_get_constraintdef} clause ({@code FOREIGN KEY (c) REFERENCES s.p(id)})
 */
public record DeferrableObject(Kind kind, QualifiedName table, String name, String definition) {
  private static final String CREATE_INDEX = "CREATE INDEX ";

  /**
   * What is deferred; {@link #code()} is the value stored in the control table's {@code kind}.
   * Pending objects of a table are built in the order KEY, INDEX, FOREIGN_KEY.
   */
  public enum Kind {
    INDEX, FOREIGN_KEY, /** a primary key or unique constraint. */ KEY;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind ofCode(String code) {
      for (Kind k : values()) {
        if (k.code().equals(code)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown deferred object kind: " + code);
    }
  }

  public DeferrableObject {
    checkArgument(kind != null && table != null, "kind and table are required");
    Identifiers.check(name);
    checkArgument(definition != null && !definition.isBlank(), "%s %s has no definition", kind, name);
    checkArgument(kind != Kind.INDEX || definition.startsWith(CREATE_INDEX),
        "index %s: definition is not a plain CREATE INDEX statement: %s", name, definition);
  }

  /** SQL that drops it; harmless if it is already gone. */
  public String dropSql() {
    return switch (kind) {
      case INDEX -> "DROP INDEX IF EXISTS " + table.sibling(name).sql();
      case FOREIGN_KEY, KEY -> "ALTER TABLE " + table.sql() + " DROP CONSTRAINT IF EXISTS " + Identifiers.quote(name);
    };
  }

  /**
   * SQL that recreates it. An index gets {@code IF NOT EXISTS}; a key builds its unique index; a
   * foreign key is added and validated (Postgres checks every existing row). {@code ALTER TABLE ADD CONSTRAINT} has no
   * {@code IF NOT EXISTS}: check {@link Catalog#exists} first when resuming.
   */
  public String createSql() {
    return switch (kind) {
      case INDEX -> "CREATE INDEX IF NOT EXISTS " + definition.substring(CREATE_INDEX.length());
      case FOREIGN_KEY, KEY -> "ALTER TABLE " + table.sql() + " ADD CONSTRAINT " + Identifiers.quote(name) + " " + definition;
    };
  }
}
