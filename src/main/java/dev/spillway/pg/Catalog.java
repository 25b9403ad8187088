package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads what stage two needs to know about existing tables, from {@code pg_catalog} with bind
 * parameters only. Tables are found by exact schema and name (no search_path involved); ordinary
 * and partitioned tables count.
 *
 * <p><b>What {@code --defer-indexes} defers</b> ({@link #deferrableObjects}): the table's
 * non-unique indexes that back no constraint, and its foreign keys. Primary keys, unique and
 * exclusion constraints and unique indexes stay: they decide whether a row may be loaded at all,
 * arbitrate {@code ON CONFLICT}, and other tables' foreign keys depend on them.
 *
 * <p>Bound to one connection, which it does not close; not thread-safe (neither is the connection).
 */
public final class Catalog {
  private final Connection connection;

  public Catalog(Connection connection) {
    this.connection = connection;
  }

  /** Whether an ordinary or partitioned table of that exact name exists. */
  public boolean tableExists(QualifiedName table) {
    try {
      return tableOid(table).isPresent();
    } catch (SQLException e) {
      throw SqlErrors.wrap("looking up table " + table, e);
    }
  }

  /** The table's live columns in order. */
  public List<ColumnInfo> columns(QualifiedName table) {
    try {
      long oid = requireTable(table);
      String sql = """
          SELECT a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.atttypid::bigint,
                 (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END)::bigint,
                 a.attnotnull, a.atthasdef, a.attidentity::text, a.attgenerated <> ''
          FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
          WHERE a.attrelid = CAST(? AS oid) AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum""";
      List<ColumnInfo> columns = new ArrayList<>();
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.setLong(1, oid);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String identity = switch (rs.getString(8)) {
              case "a" -> "always";
              case "d" -> "by default";
              default -> "";
            };
            columns.add(new ColumnInfo(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                rs.getBoolean(6), rs.getBoolean(7), identity, rs.getBoolean(9)));
          }
        }
      }
      return columns;
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading the columns of " + table, e);
    }
  }

  /**
   * Checks that {@code table} can take COPY rows of {@code expected} columns; see {@link ColumnCheck}.
   *
   * @throws TableMismatchException listing every problem, each naming table and column
   */
  public void checkColumns(QualifiedName table, List<ColumnDef> expected) {
    new ColumnCheck(connection, this).check(table, expected);
  }

  /** The table's deferrable indexes (by name) then foreign keys (by name); see the class comment. */
  public List<DeferrableObject> deferrableObjects(QualifiedName table) {
    try {
      long oid = requireTable(table);
      return Jdbc.withCatalogSearchPath(connection, () -> {
        List<DeferrableObject> out = new ArrayList<>();
        String indexes = """
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = CAST(? AS oid) AND NOT x.indisunique AND NOT x.indisprimary AND NOT x.indisexclusion
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid)
            ORDER BY i.relname""";
        query(indexes, oid, rs -> out.add(new DeferrableObject(DeferrableObject.Kind.INDEX, table, rs.getString(1), rs.getString(2))));
        String foreignKeys = """
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = CAST(? AS oid) AND contype = 'f' ORDER BY conname""";
        query(foreignKeys, oid, rs -> out.add(new DeferrableObject(DeferrableObject.Kind.FOREIGN_KEY, table, rs.getString(1), rs.getString(2))));
        return out;
      });
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading the indexes and foreign keys of " + table, e);
    }
  }

  /** The table's foreign keys, by name, with the tables they reference. */
  public List<ForeignKeyInfo> foreignKeys(QualifiedName table) {
    try {
      long oid = requireTable(table);
      String sql = """
          SELECT k.conname, rn.nspname, r.relname, k.condeferrable
          FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
            JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
          WHERE k.conrelid = CAST(? AS oid) AND k.contype = 'f' ORDER BY k.conname""";
      List<ForeignKeyInfo> out = new ArrayList<>();
      query(sql, oid, rs -> out.add(new ForeignKeyInfo(rs.getString(1), table, new QualifiedName(rs.getString(2),
          rs.getString(3)), rs.getBoolean(4))));
      return out;
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading the foreign keys of " + table, e);
    }
  }

  /**
   * {@link #foreignKeys(QualifiedName)} of each table, in one round trip: for each table (in the
   * given order) its foreign keys by name.
   *
   * @throws TableMismatchException for the first table that does not exist
   */
  public Map<QualifiedName, List<ForeignKeyInfo>> foreignKeys(List<QualifiedName> tables) {
    Map<QualifiedName, List<ForeignKeyInfo>> out = new LinkedHashMap<>();
    if (tables.isEmpty()) {
      return out;
    }
    String sql = """
        SELECT t.ord, c.oid IS NOT NULL, k.conname, rn.nspname, r.relname, k.condeferrable
        FROM unnest(CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS t(nsp, rel, ord)
          LEFT JOIN (pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace)
            ON n.nspname = t.nsp AND c.relname = t.rel AND c.relkind IN ('r', 'p')
          LEFT JOIN pg_catalog.pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f'
          LEFT JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
          LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
        ORDER BY t.ord, k.conname""";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setArray(1, connection.createArrayOf("text", tables.stream().map(QualifiedName::schema).toArray()));
      ps.setArray(2, connection.createArrayOf("text", tables.stream().map(QualifiedName::name).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          QualifiedName table = tables.get(rs.getInt(1) - 1);
          if (!rs.getBoolean(2)) {
            throw new TableMismatchException(table, List.of("table does not exist"));
          }
          List<ForeignKeyInfo> keys = out.computeIfAbsent(table, t -> new ArrayList<>());
          if (rs.getString(3) != null) {
            keys.add(new ForeignKeyInfo(rs.getString(3), table, new QualifiedName(rs.getString(4), rs.getString(5)),
                rs.getBoolean(6)));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading the foreign keys of " + tables, e);
    }
  }

  /** Whether the index or foreign key exists now (to recreate it only once when resuming). */
  public boolean exists(DeferrableObject object) {
    String sql = switch (object.kind()) {
      case INDEX -> """
          SELECT 1 FROM pg_catalog.pg_class i JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace
          WHERE n.nspname = ? AND i.relname = ? AND i.relkind IN ('i', 'I')""";
      case FOREIGN_KEY -> """
          SELECT 1 FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = ? AND c.relname = ? AND k.conname = ? AND k.contype = 'f'""";
      case KEY -> """
          SELECT 1 FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = ? AND c.relname = ? AND k.conname = ? AND k.contype IN ('p', 'u')""";
    };
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, object.table().schema());
      ps.setString(2, object.kind() == DeferrableObject.Kind.INDEX ? object.name() : object.table().name());
      if (object.kind() != DeferrableObject.Kind.INDEX) {
        ps.setString(3, object.name());
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("looking up " + object.kind().code() + " " + Identifiers.quote(object.name()) + " of " + object.table(), e);
    }
  }

  /** Sequences feeding the table's columns (serial/owned and identity), in column order. */
  public List<ColumnSequence> sequences(QualifiedName table) {
    try {
      long oid = requireTable(table);
      String sql = """
          SELECT a.attname, sn.nspname, s.relname, d.deptype = 'i'
          FROM pg_catalog.pg_depend d
            JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
            JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
          WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
            AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
            AND d.refobjid = CAST(? AS oid) AND d.deptype IN ('a', 'i') AND NOT a.attisdropped
          ORDER BY a.attnum""";
      List<ColumnSequence> out = new ArrayList<>();
      query(sql, oid, rs -> out.add(new ColumnSequence(table, rs.getString(1), new QualifiedName(rs.getString(2), rs.getString(3)), rs.getBoolean(4))));
      return out;
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading the sequences of " + table, e);
    }
  }

  /**
   * Moves the sequence past the column's largest value so the next {@code nextval} returns
   * {@code max + 1}. Never moves it backwards: if the sequence would already return more than the
   * maximum (or the table is empty) nothing changes.
   *
   * @return the value the sequence was set to, or empty when it was left alone
   */
  public OptionalLong advanceSequence(ColumnSequence s) {
    String where = "setting " + s.sequence() + " past max(" + Identifiers.quote(s.column()) + ") of " + s.table();
    try {
      Long max = null;
      try (var st = connection.createStatement();
           ResultSet rs = st.executeQuery("SELECT max(" + Identifiers.quote(s.column()) + ") FROM " + s.table().sql())) {
        rs.next();
        long v = rs.getLong(1);
        max = rs.wasNull() ? null : v;
      }
      if (max == null) {
        return OptionalLong.empty();
      }
      long next;
      try (var st = connection.createStatement();
           ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM " + s.sequence().sql())) {
        rs.next();
        next = rs.getBoolean(2) ? rs.getLong(1) + 1 : rs.getLong(1);
      }
      if (max < next) {
        return OptionalLong.empty();
      }
      try (PreparedStatement ps = connection.prepareStatement("SELECT setval(CAST(? AS regclass), ?, true)")) {
        ps.setString(1, s.sequence().sql());
        ps.setLong(2, max);
        ps.execute();
      }
      return OptionalLong.of(max);
    } catch (SQLException e) {
      throw SqlErrors.wrap(where, e);
    }
  }

  /** The largest value of an integer column, empty for an empty table (the id to continue after). */
  public OptionalLong maxValue(QualifiedName table, String column) {
    try (var st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT max(" + Identifiers.quote(column) + ") FROM " + table.sql())) {
      rs.next();
      long v = rs.getLong(1);
      return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    } catch (SQLException e) {
      throw SqlErrors.wrap("reading max(" + Identifiers.quote(column) + ") of " + table, e);
    }
  }

  private Optional<Long> tableOid(QualifiedName table) throws SQLException {
    String sql = """
        SELECT c.oid::bigint FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, table.schema());
      ps.setString(2, table.name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private long requireTable(QualifiedName table) throws SQLException {
    return tableOid(table).orElseThrow(() -> new TableMismatchException(table, List.of("table does not exist")));
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String sql, long oid, RowReader reader) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    }
  }
}
