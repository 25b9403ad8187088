package dev.spillway.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Moves rows COPYed into a temporary staging table into their target, inside the caller's
 * transaction: the one merge SQL of {@code load --on-conflict skip|update} and of the library's
 * live writer.
 * <pre>
 * CREATE TEMP TABLE "stage" ON COMMIT DROP AS SELECT "a", "b" FROM "s"."t" WITH NO DATA
 * COPY "pg_temp"."stage" ("a", "b") FROM STDIN (FORMAT binary)                  -- the caller
 * skip:   INSERT INTO "s"."t" ("a", "b") OVERRIDING SYSTEM VALUE SELECT "a", "b" FROM "pg_temp"."stage"
 *         ON CONFLICT ("k") DO NOTHING
 * update: WITH merged AS (INSERT ... ON CONFLICT ("k") DO UPDATE SET "b" = EXCLUDED."b"
 *                         WHERE ROW(t."b") IS DISTINCT FROM ROW(EXCLUDED."b")
 *                         RETURNING (t.xmax = 0) AS inserted)
 *         SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged
 * </pre>
 * The temporary table has exactly the target's column types and no constraints, so the COPY itself
 * cannot conflict. The conflict target is the natural key, else the id column; without either,
 * {@code skip} uses a bare {@code ON CONFLICT DO NOTHING} (any unique constraint); {@code update}
 * needs one (callers refuse it up front). {@code update} sets every column but the conflict target
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
public final class StagedMerge {
  /** Rows of one merge by outcome; they sum to the rows staged. */
  public record Counts(long inserted, long updated, long skipped) {}

  /** The staging table, {@code pg_temp.<name>}. */
  private final QualifiedName stage;
  /** {@code update} (else {@code skip}). */
  private final boolean update;

  public StagedMerge(String stageTable, boolean update) {
    this.stage = QualifiedName.of("pg_temp", Objects.requireNonNull(stageTable, "stageTable"));
    this.update = update;
  }

  /** {@code pg_temp.<stage>}: where the caller COPYs the rows. */
  public QualifiedName stage() {
    return stage;
  }

  /** Creates the transaction's staging table for {@code t} (dropped at commit or rollback). */
  public void createStage(Connection c, MergeTarget t) throws SQLException {
    execute(c, "CREATE TEMP TABLE " + Identifiers.quote(stage.name()) + " ON COMMIT DROP AS SELECT "
        + Identifiers.quoteList(t.columns()) + " FROM " + t.target().sql() + " WITH NO DATA");
  }

  /**
   * Moves the staged rows into the target; {@code rows} is how many were staged.
   *
   * @throws KeyIdMismatchException a staged row's natural key is in the target under another id
   */
  public Counts merge(Connection c, MergeTarget t, long rows) throws SQLException {
    List<String> target = t.conflictTarget();
    checkIds(c, t);
    List<String> updated = t.updatedColumns();
    boolean updating = update && !updated.isEmpty();
    long nullKeysUpdated = mergeNullKeys(c, t, updating ? updated : List.of());
    if (!updating) {
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
   * Inserts the staged rows whose key (else id) the target does not have yet, {@code INSERT ...
   * ON CONFLICT DO NOTHING}, without comparing ids first: for rows a writer creates only so that
   * their key exists (the live writer's {@code missing: create} parents), where a key another
   * transaction committed meanwhile under its own id is expected and its id is then used.
   *
   * @return rows inserted
   */
  public long insertMissing(Connection c, MergeTarget t) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeLargeUpdate(insertSql(t) + " ON CONFLICT" + targetSql(t.conflictTarget()) + " DO NOTHING");
    }
  }

  /**
   * For a table with both an id column and a natural key: refuses a staged row whose key the
   * target has under another id ({@code SELECT ... FROM stage s JOIN target t USING (key) WHERE
   * s.id <> t.id LIMIT 1}).
   *
   * @throws KeyIdMismatchException naming the table, the key and both ids
   */
  public void checkIds(Connection c, MergeTarget t) throws SQLException {
    List<String> keys = t.keyColumns();
    if (t.idColumn().isEmpty() || keys.isEmpty()) {
      return;
    }
    String id = Identifiers.quote(t.idColumn().get());
    String keyText = keys.stream().map(k -> "s." + Identifiers.quote(k) + "::text").collect(Collectors.joining(", "));
    String sql = "SELECT s." + id + "::text, t." + id + "::text, " + keyText
        + " FROM " + stage.sql() + " s JOIN " + t.target().sql() + " t USING (" + Identifiers.quoteList(keys) + ")"
        + " WHERE s." + id + " <> t." + id + " LIMIT 1";
    throwOnMismatch(c, t, sql);
  }

  /**
   * Staged rows with a NULL natural-key part whose key the target has (NULLs matching): refused
   * under another id, updated where {@code updated} columns differ, then removed from the stage.
   *
   * @return rows of the target updated
   */
  private long mergeNullKeys(Connection c, MergeTarget t, List<String> updated) throws SQLException {
    List<String> keys = t.keyColumns();
    if (keys.isEmpty()) {
      return 0;
    }
    String anyNull = "(" + keys.stream().map(k -> "s." + Identifiers.quote(k) + " IS NULL")
        .collect(Collectors.joining(" OR ")) + ")";
    String match = keys.stream().map(k -> {
      String q = Identifiers.quote(k);
      return "(t." + q + " = s." + q + " OR t." + q + " IS NULL AND s." + q + " IS NULL)";
    }).collect(Collectors.joining(" AND "));
    if (t.idColumn().isPresent()) {
      String q = Identifiers.quote(t.idColumn().get());
      String keyText = keys.stream().map(k -> "coalesce(s." + Identifiers.quote(k) + "::text, 'NULL')")
          .collect(Collectors.joining(", "));
      throwOnMismatch(c, t, "SELECT s." + q + "::text, t." + q + "::text, " + keyText + " FROM " + stage.sql() + " s JOIN "
          + t.target().sql() + " t ON " + match + " WHERE " + anyNull + " AND s." + q + " <> t." + q + " LIMIT 1");
    }
    long changed = 0;
    try (Statement s = c.createStatement()) {
      if (!updated.isEmpty()) {
        String sets = updated.stream().map(col -> Identifiers.quote(col) + " = s." + Identifiers.quote(col))
            .collect(Collectors.joining(", "));
        String old = updated.stream().map(col -> "t." + Identifiers.quote(col)).collect(Collectors.joining(", "));
        String fresh = updated.stream().map(col -> "s." + Identifiers.quote(col)).collect(Collectors.joining(", "));
        changed = s.executeLargeUpdate("UPDATE " + t.target().sql() + " t SET " + sets + " FROM " + stage.sql() + " s"
            + " WHERE " + anyNull + " AND " + match + " AND ROW(" + old + ") IS DISTINCT FROM ROW(" + fresh + ")");
      }
      s.executeLargeUpdate("DELETE FROM " + stage.sql() + " s WHERE " + anyNull + " AND EXISTS (SELECT 1 FROM "
          + t.target().sql() + " t WHERE " + match + ")");
    }
    return changed;
  }

  /** Runs a query answering (staged id, target id, key parts...) and throws for its first row. */
  private static void throwOnMismatch(Connection c, MergeTarget t, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < t.keyColumns().size(); i++) {
          values.add(rs.getString(3 + i));
        }
        String key = "(" + String.join(", ", t.keyColumns()) + ")=(" + String.join(", ", values) + ")";
        throw new KeyIdMismatchException(t.target(), key, rs.getString(1), rs.getString(2));
      }
    }
  }

  private String insertSql(MergeTarget t) {
    String columns = Identifiers.quoteList(t.columns());
    // OVERRIDING SYSTEM VALUE: the staged ids go in as given, also into a GENERATED ALWAYS AS IDENTITY
    // column (as COPY puts them); a table without one ignores the clause
    return "INSERT INTO " + t.target().sql() + " AS t (" + columns + ") OVERRIDING SYSTEM VALUE SELECT " + columns
        + " FROM " + stage.sql();
  }

  private static String targetSql(List<String> target) {
    return target.isEmpty() ? "" : " (" + Identifiers.quoteList(target) + ")";
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
