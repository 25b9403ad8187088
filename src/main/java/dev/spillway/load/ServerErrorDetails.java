package dev.spillway.load;

import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What the server said about a failed COPY, from the first {@link PSQLException} in a cause chain:
 * the SQLState, the DETAIL line (for a unique violation {@code Key (name)=(x) already exists.}) and
 * the row number from the CONTEXT line {@code COPY t, line N}. In binary COPY the server counts
 * tuples as lines from 1, so N is the row's position inside the segment; it sets the number of the
 * failing row also when it inserts rows in batches. The prefix is matched with the exact relation
 * name ({@code COPY <name>, line }), which may itself contain commas; another message language
 * simply yields no row number.
 *
 * @param sqlState     the SQLState, if any
 * @param detail       the server's DETAIL, if any
 * @param rowInSegment the 1-based row inside the segment, if the server named one
 * @param constraint   the constraint the server named (a unique violation's), if any
 */
record ServerErrorDetails(Optional<String> sqlState, Optional<String> detail, OptionalLong rowInSegment,
    Optional<String> constraint) {

  static ServerErrorDetails of(Throwable failure, String copiedRelationName) {
    String sqlState = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (sqlState == null && t instanceof SQLException sql && sql.getSQLState() != null) {
        sqlState = sql.getSQLState();
      }
      if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
        ServerErrorMessage m = psql.getServerErrorMessage();
        return new ServerErrorDetails(Optional.ofNullable(m.getSQLState()).or(() -> Optional.ofNullable(psql.getSQLState())),
            Optional.ofNullable(m.getDetail()), copyLine(m.getWhere(), copiedRelationName),
            Optional.ofNullable(m.getConstraint()));
      }
    }
    return new ServerErrorDetails(Optional.ofNullable(sqlState), Optional.empty(), OptionalLong.empty(), Optional.empty());
  }

  /** N from a context line {@code COPY <relation>, line N[, column c]}. */
  static OptionalLong copyLine(String where, String relationName) {
    if (where == null) {
      return OptionalLong.empty();
    }
    String prefix = "COPY " + relationName + ", line ";
    for (String line : where.split("\n")) {
      if (line.startsWith(prefix)) {
        int start = prefix.length();
        int end = start;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
          end++;
        }
        if (end > start && end - start < 19) {
          return OptionalLong.of(Long.parseLong(line.substring(start, end)));
        }
      }
    }
    return OptionalLong.empty();
  }
}
