package dev.spillway.load;

import dev.spillway.pg.Identifiers;
import dev.spillway.pg.QualifiedName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code --on-conflict skip|update} path of one segment, inside the segment's transaction:
 * <pre>
 * CREATE TEMP TABLE "spillway_segment" ON COMMIT DROP AS SELECT "a", "b" FROM "s"."t" WITH NO DATA
 * COPY "pg_temp"."spillway_segment" ("a", "b") FROM STDIN (FORMAT binary)        -- SegmentCopy
 * skip:   INSERT INTO "s"."t" ("a", "b") SELECT "a", "b" FROM "pg_temp"."spillway_segment"
 *         ON CONFLICT ("k") DO NOTHING
 * update: WITH merged AS (INSERT ... ON CONFLICT ("k") DO UPDATE SET "b" = EXCLUDED."b"
 *                         WHERE ROW(t."b") IS DISTINCT FROM ROW(EXCLUDED."b")
 *                         RETURNING (t.xmax = 0) AS inserted)
 *         SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged
 * </pre>
 * The temporary table has exactly the target's column types and no constraints, so the COPY itself
 * cannot conflict. The conflict target is the natural key, else the id column; without either,
 * {@code skip} uses a bare {@code ON CONFLICT DO NOTHING} (any unique constraint) and {@code update}
 * is refused up front ({@link #check}). {@code update} sets every column but the conflict target
 * and the id column (the id is the row's identity: children reference it), and only when a value
 * differs: an identical row counts as skipped. A row inserted fresh has {@code xmax = 0}; an
 * updated one carries the updating transaction's id.
 *
 * <p><b>NULL key parts</b> match as equal (NULLS NOT DISTINCT, the rule stage one applies too), on
 * every server version: {@code ON CONFLICT} never fires for a NULL part under a plain unique
 * constraint, so before the insert the staged rows with a NULL key part are matched against the
 * target with {@code (t.k = s.k OR t.k IS NULL AND s.k IS NULL)} per key column (which an index on
 * the key can still serve): checked for another id like the rest, updated ({@code update}), and
 * taken out of the stage, so the insert cannot add a second {@code (y, NULL)} row.
 * Immutable, thread-safe.
 */
final class ConflictMerge {
  static final String STAGE_TABLE = "spillway_segment";
  static final QualifiedName STAGE = QualifiedName.of("pg_temp", STAGE_TABLE);

  /** Rows of one segment by outcome; they sum to the segment's rows. */
  record Counts(long inserted, long updated, long skipped) {}

  private final ConflictMode mode;

  ConflictMerge(ConflictMode mode) {
    if (mode == ConflictMode.ERROR) {
      throw new IllegalArgumentException("--on-conflict error copies straight into the target, not through a merge");
    }
    this.mode = mode;
  }

  /**
   * Refuses {@code --on-conflict update} for a table that has nothing to decide conflicts by.
   *
   * @throws LoadOptionsException naming the spill directory and the table
   */
  static void check(LoadPlan plan, ConflictMode mode) {
    if (mode != ConflictMode.UPDATE) {
      return;
    }
    for (TablePlan t : plan.tables()) {
      if (conflictTarget(t).isEmpty() && !t.segments().isEmpty()) {
        throw new LoadOptionsException("--on-conflict update cannot load table " + t.target() + " of spill directory "
            + plan.dir() + ": the table has neither a natural key nor an id column to match existing rows by; use "
            + "--on-conflict skip or error");
      }
    }
  }

  /** Creates the transaction's staging table; the caller then COPYs into {@link #STAGE}. */
  void createStage(Connection c, TablePlan t) throws SQLException {
    String columns = Identifiers.quoteList(t.columnNames());
    execute(c, "CREATE TEMP TABLE " + Identifiers.quote(STAGE_TABLE) + " ON COMMIT DROP AS SELECT " + columns
        + " FROM " + t.target().sql() + " WITH NO DATA");
  }

  /**
   * Moves the staged rows into the target; {@code rows} is how many were staged.
   *
   * @throws IdMismatchException a staged row's natural key is in the target under another id
   */
  Counts merge(Connection c, TablePlan t, long rows, String segmentFile) throws SQLException {
    List<String> target = conflictTarget(t);
    checkIds(c, t, segmentFile);
    List<String> updated = updatedColumns(t, target);
    boolean update = mode == ConflictMode.UPDATE && !updated.isEmpty();
    long nullKeysUpdated = mergeNullKeys(c, t, update ? updated : List.of(), segmentFile);
    if (!update) {
      long inserted;
      try (Statement s = c.createStatement()) {
        inserted = s.executeLargeUpdate(insertSql(t) + " ON CONFLICT" + targetSql(target) + " DO NOTHING");
      }
      return new Counts(inserted, 0, rows - inserted);
    }
    String sets = updated.stream().map(col -> Identifiers.quote(col) + " = EXCLUDED." + Identifiers.quote(col))
        .collect(Collectors.joining(", "));
    String old = updated.stream().map(col -> "t." + Identifiers.quote(col)).collect(Collectors.joining(", "));
    String fresh = updated.stream().map(col -> "EXCLUDED." + Identifiers.quote(col)).collect(Collectors.joining(", "));
    String sql = "WITH merged AS (" + insertSql(t) + " ON CONFLICT" + targetSql(target) + " DO UPDATE SET " + sets
        + " WHERE ROW(" + old + ") IS DISTINCT FROM ROW(" + fresh + ") RETURNING (t.xmax = 0) AS inserted)"
        + " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged";
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long inserted = rs.getLong(1);
      long changed = rs.getLong(2) + nullKeysUpdated;
      return new Counts(inserted, changed, rows - inserted - changed);
    }
  }

  /**
   * For a table with both an id column and a natural key: refuses a staged row whose key the
   * target has under another id ({@code SELECT ... FROM stage s JOIN target t USING (key) WHERE
   * s.id <> t.id LIMIT 1}).
   */
  private static void checkIds(Connection c, TablePlan t, String segmentFile) throws SQLException {
    String id = t.table().idColumn();
    List<String> keys = t.table().keyColumns();
    if (id == null || keys.isEmpty()) {
      return;
    }
    String keyText = keys.stream().map(k -> "s." + Identifiers.quote(k) + "::text").collect(Collectors.joining(", "));
    String sql = "SELECT s." + Identifiers.quote(id) + "::text, t." + Identifiers.quote(id) + "::text, " + keyText
        + " FROM " + STAGE.sql() + " s JOIN " + t.target().sql() + " t USING (" + Identifiers.quoteList(keys) + ")"
        + " WHERE s." + Identifiers.quote(id) + " <> t." + Identifiers.quote(id) + " LIMIT 1";
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
          values.add(rs.getString(3 + i));
        }
        String key = "(" + String.join(", ", keys) + ")=(" + String.join(", ", values) + ")";
        throw new IdMismatchException(t.target(), segmentFile, key, rs.getString(1), rs.getString(2));
      }
    }
  }

  /**
   * Staged rows with a NULL natural-key part whose key the target has (NULLs matching): refused
   * under another id, updated where {@code updated} columns differ, then removed from the stage.
   *
   * @return rows of the target updated
   */
  private static long mergeNullKeys(Connection c, TablePlan t, List<String> updated, String segmentFile)
      throws SQLException {
    List<String> keys = t.table().keyColumns();
    if (keys.isEmpty()) {
      return 0;
    }
    String anyNull = "(" + keys.stream().map(k -> "s." + Identifiers.quote(k) + " IS NULL")
        .collect(Collectors.joining(" OR ")) + ")";
    String match = keys.stream().map(k -> {
      String q = Identifiers.quote(k);
      return "(t." + q + " = s." + q + " OR t." + q + " IS NULL AND s." + q + " IS NULL)";
    }).collect(Collectors.joining(" AND "));
    String id = t.table().idColumn();
    if (id != null) {
      String q = Identifiers.quote(id);
      String keyText = keys.stream().map(k -> "coalesce(s." + Identifiers.quote(k) + "::text, 'NULL')")
          .collect(Collectors.joining(", "));
      String sql = "SELECT s." + q + "::text, t." + q + "::text, " + keyText + " FROM " + STAGE.sql() + " s JOIN "
          + t.target().sql() + " t ON " + match + " WHERE " + anyNull + " AND s." + q + " <> t." + q + " LIMIT 1";
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        if (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 0; i < keys.size(); i++) {
            values.add(rs.getString(3 + i));
          }
          String key = "(" + String.join(", ", keys) + ")=(" + String.join(", ", values) + ")";
          throw new IdMismatchException(t.target(), segmentFile, key, rs.getString(1), rs.getString(2));
        }
      }
    }
    long changed = 0;
    try (Statement s = c.createStatement()) {
      if (!updated.isEmpty()) {
        String sets = updated.stream().map(col -> Identifiers.quote(col) + " = s." + Identifiers.quote(col))
            .collect(Collectors.joining(", "));
        String old = updated.stream().map(col -> "t." + Identifiers.quote(col)).collect(Collectors.joining(", "));
        String fresh = updated.stream().map(col -> "s." + Identifiers.quote(col)).collect(Collectors.joining(", "));
        changed = s.executeLargeUpdate("UPDATE " + t.target().sql() + " t SET " + sets + " FROM " + STAGE.sql() + " s"
            + " WHERE " + anyNull + " AND " + match + " AND ROW(" + old + ") IS DISTINCT FROM ROW(" + fresh + ")");
      }
      s.executeLargeUpdate("DELETE FROM " + STAGE.sql() + " s WHERE " + anyNull + " AND EXISTS (SELECT 1 FROM "
          + t.target().sql() + " t WHERE " + match + ")");
    }
    return changed;
  }

  private static String insertSql(TablePlan t) {
    String columns = Identifiers.quoteList(t.columnNames());
    return "INSERT INTO " + t.target().sql() + " AS t (" + columns + ") SELECT " + columns + " FROM " + STAGE.sql();
  }

  private static String targetSql(List<String> target) {
    return target.isEmpty() ? "" : " (" + Identifiers.quoteList(target) + ")";
  }

  /** The natural key, else the id column, else nothing. */
  static List<String> conflictTarget(TablePlan t) {
    if (!t.table().keyColumns().isEmpty()) {
      return t.table().keyColumns();
    }
    return t.table().idColumn() == null ? List.of() : List.of(t.table().idColumn());
  }

  private static List<String> updatedColumns(TablePlan t, List<String> target) {
    List<String> out = new ArrayList<>();
    for (String column : t.columnNames()) {
      if (!target.contains(column) && !column.equals(t.table().idColumn())) {
        out.add(column);
      }
    }
    return out;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
