package dev.spillway.pg;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Building a key, index or foreign key after the data failed ({@link IndexDeferral#restore}):
 * most often a duplicate that only the final unique index finds ({@code 23505}) or a reference
 * to a row that is not there ({@code 23503}). The message names the table, the constraint, its SQL
 * and the server's detail, which names the key value ({@code Key (name)=(x) is duplicated.}); the
 * rows stay loaded and the object stays recorded as pending, so the same load run again (after
 * the rows are fixed) builds it and finishes. Exit code 5, like every database failure.
 */
public final class ConstraintBuildException extends PgException {
  /** The object that could not be built. */
  private final DeferrableObject object;
  /** The server's detail (the offending key), when it gave one. */
  private final String detail;

  private ConstraintBuildException(String message, String sqlState, SQLException cause, DeferrableObject object,
      String detail) {
    super(message, sqlState, cause);
    this.object = object;
    this.detail = detail;
  }

  static ConstraintBuildException of(DeferrableObject o, SQLException e) {
    SqlErrors.reassertInterrupt(e);
    String detail = e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
        ? p.getServerErrorMessage().getDetail() : null;
    String what = switch (o.kind()) {
      case INDEX -> "index";
      case FOREIGN_KEY -> "foreign key";
      case KEY -> o.definition().startsWith("PRIMARY KEY") ? "primary key" : "unique key";
    };
    String problem = switch (e.getSQLState() == null ? "" : e.getSQLState()) {
      case "23505" -> "table " + o.table() + " holds rows with the same " + what + " value, which only the " + what
          + " built after the data finds: " + (detail == null ? e.getMessage() : detail)
          + " Delete or fix the duplicate rows";
      case "23503" -> "table " + o.table() + " holds a reference to a row that is not there: "
          + (detail == null ? e.getMessage() : detail) + " Delete or fix the referencing rows";
      default -> "fix what the server reports";
    };
    String message = "building " + what + " " + Identifiers.quote(o.name()) + " of " + o.table() + " (" + o.createSql()
        + ") failed: " + SqlErrors.describe(e) + ". " + problem + ", then run the same load again: the loaded rows"
        + " stay and the " + what + " stays pending until it is built";
    return new ConstraintBuildException(message, e.getSQLState(), e, o, detail);
  }

  public DeferrableObject object() {
    return object;
  }

  /** The server's detail, e.g. {@code Key (name)=(x) is duplicated.} */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }
}
