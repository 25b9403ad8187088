package dev.spillway.load;

import dev.spillway.pg.KeyIdMismatchException;
import dev.spillway.pg.MergeTarget;
import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.StagedMerge;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code --on-conflict skip|update} path of one segment, inside the segment's transaction: the
 * segment is COPYed into {@link #STAGE} ({@link SegmentCopy}) and merged into the target by
 * {@link StagedMerge}, the merge SQL the library's live writer uses too (see there for the SQL, the
 * conflict target and NULL key parts). This class adds what is load's own: refusing
 * {@code update} up front for a table with nothing to decide conflicts by, and naming the segment
 * when a staged id disagrees with the target's. Immutable, thread-safe.
 */
final class ConflictMerge {
  static final String STAGE_TABLE = "spillway_segment";
  static final QualifiedName STAGE = QualifiedName.of("pg_temp", STAGE_TABLE);

  /** Rows of one segment by outcome; they sum to the segment's rows. */
  record Counts(long inserted, long updated, long skipped) {}

  private final StagedMerge merge;

  ConflictMerge(ConflictMode mode) {
    if (mode == ConflictMode.ERROR) {
      throw new IllegalArgumentException("--on-conflict error copies straight into the target, not through a merge");
    }
    this.merge = new StagedMerge(STAGE_TABLE, mode == ConflictMode.UPDATE);
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
    merge.createStage(c, target(t));
  }

  /**
   * Moves the staged rows into the target; {@code rows} is how many were staged.
   *
   * @throws IdMismatchException a staged row's natural key is in the target under another id
   */
  Counts merge(Connection c, TablePlan t, long rows, String segmentFile) throws SQLException {
    try {
      StagedMerge.Counts counts = merge.merge(c, target(t), rows);
      return new Counts(counts.inserted(), counts.updated(), counts.skipped());
    } catch (KeyIdMismatchException e) {
      throw new IdMismatchException(t.target(), segmentFile, e.key(), e.stagedId(), e.targetId());
    }
  }

  /** The natural key, else the id column, else nothing. */
  static List<String> conflictTarget(TablePlan t) {
    return target(t).conflictTarget();
  }

  private static MergeTarget target(TablePlan t) {
    return new MergeTarget(t.target(), t.columnNames(), Optional.ofNullable(t.table().idColumn()), t.table().keyColumns());
  }
}
