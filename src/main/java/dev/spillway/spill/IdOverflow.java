package dev.spillway.spill;

/**
 * Internal: the next id of a table does not fit its {@code integer} id column. Thrown where ids are
 * handed out ({@link KeyedIdentity}, {@link SequenceIdentity}, {@link TableOutput#create}), which
 * do not know the record; {@link RecordProcessor} turns it into an {@link IdRangeException} naming
 * the file and line. No stack trace: it is always caught and replaced.
 */
final class IdOverflow extends RuntimeException {
  final String table;
  final String column;
  final long id;

  IdOverflow(String table, String column, long id) {
    super("table " + table + ", column " + column + ": id " + id + " does not fit integer", null, false, false);
    this.table = table;
    this.column = column;
    this.id = id;
  }
}
