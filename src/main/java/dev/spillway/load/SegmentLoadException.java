package dev.spillway.load;

import dev.spillway.pg.Identifiers;
import dev.spillway.pg.PgException;
import dev.spillway.pg.QualifiedName;
import dev.spillway.pg.SqlErrors;
import dev.spillway.segment.SealedSegment;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The database refused or lost one segment's transaction; nothing of that segment is loaded, the
 * segments committed before it stay loaded, and running the same command again resumes. Names the
 * spill directory, the target table, the segment file, the SQLState, and for a row-level error
 * (a unique violation) the row number inside the segment and the server's detail (the key).
 * Exit code 5.
 */
public final class SegmentLoadException extends PgException {
  private final Path spillDirectory;
  private final QualifiedName table;
  /** The segment's path relative to the spill directory. */
  private final String segmentFile;
  /** 1-based row inside the segment named by the server, when it named one. */
  private final OptionalLong rowInSegment;
  /** The server's DETAIL (for a unique violation: the key), when given. */
  private final Optional<String> detail;

  private SegmentLoadException(String message, String sqlState, Throwable cause, Path spillDirectory,
      QualifiedName table, String segmentFile, OptionalLong rowInSegment, Optional<String> detail) {
    super(message, sqlState, cause);
    this.spillDirectory = spillDirectory;
    this.table = table;
    this.segmentFile = segmentFile;
    this.rowInSegment = rowInSegment;
    this.detail = detail;
  }

  /**
   * A failure inside the segment's transaction.
   *
   * @param copiedRelation the relation the COPY wrote to (target or staging table), to read the row number
   */
  static SegmentLoadException failed(Path spillDirectory, TablePlan table, SealedSegment segment, String copiedRelation,
      ConflictMode mode, Throwable cause) {
    SqlErrors.reassertInterrupt(cause);
    ServerErrorDetails details = ServerErrorDetails.of(cause, copiedRelation);
    String state = details.sqlState().orElse(null);
    StringBuilder m = new StringBuilder(prefix(spillDirectory, table, segment)).append(": ");
    if ("23505".equals(state)) {
      m.append("duplicate key");
      details.rowInSegment().ifPresent(row -> m.append(" at row ").append(row).append(" of the segment"));
      details.constraint().ifPresent(k -> m.append(" violates unique constraint ").append(Identifiers.quote(k)));
      details.detail().ifPresent(d -> m.append(": ").append(d));
      m.append(" (SQLState 23505); ");
      if (mode == ConflictMode.ERROR) {
        m.append("use --on-conflict skip or update to keep or replace existing rows. ");
      } else {
        List<String> target = ConflictMerge.conflictTarget(table);
        m.append("--on-conflict ").append(mode.optionValue()).append(" resolves conflicts on ")
            .append(target.isEmpty() ? "any unique constraint" : "(" + String.join(", ", target) + ") only")
            .append(", not on this constraint; remove or change the clashing rows in the target. ");
      }
    } else {
      details.rowInSegment().ifPresent(row -> m.append("at row ").append(row).append(" of the segment: "));
      m.append(describe(cause)).append(". "); // the server's detail is part of the description, once
    }
    m.append(lost(state) ? "The connection was lost; the segment was not committed. " : "")
        .append("Segments committed before stay loaded; run the same command again to resume.");
    return new SegmentLoadException(m.toString(), state, cause, spillDirectory.toAbsolutePath(), table.target(),
        segment.file(), details.rowInSegment(), details.detail());
  }

  /** The server copied another number of rows than the segment holds (a trigger dropping rows, say). */
  static SegmentLoadException rowCount(Path spillDirectory, TablePlan table, SealedSegment segment, long copied) {
    return new SegmentLoadException(prefix(spillDirectory, table, segment) + ": the server copied " + copied
        + " rows, the segment holds " + segment.rows() + " (manifest); rolled back. A BEFORE INSERT trigger that"
        + " skips rows would explain it.", null, null, spillDirectory, table.target(), segment.file(),
        OptionalLong.empty(), Optional.empty());
  }

  /** The connection dropped during COMMIT and the progress row shows the commit did not happen. */
  static SegmentLoadException notCommitted(Path spillDirectory, TablePlan table, SealedSegment segment, SQLException cause) {
    return new SegmentLoadException(prefix(spillDirectory, table, segment) + ": the connection was lost during COMMIT ("
        + SqlErrors.describe(cause) + ") and the progress table shows the segment was not committed; run the same"
        + " command again to load it.", cause.getSQLState(), cause, spillDirectory, table.target(), segment.file(),
        OptionalLong.empty(), Optional.empty());
  }

  /** The connection dropped during COMMIT and the check of the progress row failed too (the server still unreachable). */
  static SegmentLoadException undecided(Path spillDirectory, TablePlan table, SealedSegment segment, SQLException lost,
      RuntimeException check) {
    return new SegmentLoadException(prefix(spillDirectory, table, segment) + ": the connection was lost during COMMIT ("
        + SqlErrors.describe(lost) + ") and checking whether it committed failed too (" + check.getMessage() + "). The"
        + " progress row decides: run the same command again to resume (it loads the segment again only if it was not"
        + " committed).", lost.getSQLState(), check, spillDirectory, table.target(), segment.file(), OptionalLong.empty(),
        Optional.empty());
  }

  public Path spillDirectory() {
    return spillDirectory;
  }

  public QualifiedName table() {
    return table;
  }

  public String segmentFile() {
    return segmentFile;
  }

  public OptionalLong rowInSegment() {
    return rowInSegment;
  }

  public Optional<String> detail() {
    return detail;
  }

  private static String prefix(Path spillDirectory, TablePlan table, SealedSegment segment) {
    return "loading " + segment.file() + " (segment " + segment.sequence() + " of table " + table.target()
        + ", spill directory " + spillDirectory + ") failed";
  }

  private static String describe(Throwable cause) {
    if (cause instanceof SQLException sql) {
      return SqlErrors.describe(sql);
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** Connection failures (08xxx) and a terminated session (57P01 and friends). */
  static boolean lost(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
  }
}
