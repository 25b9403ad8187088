package dev.spillway.spill;

import dev.spillway.input.InputRecord;
import dev.spillway.input.MalformedRecord;
import dev.spillway.input.MalformedRecordListener;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Turns the records of one input file into rows: per record, per emit in order, per for_each
 * element, build the row, claim it for its table, count it and report a reject. Also hears the
 * file's malformed records.
 *
 * <p>Accounting (checked in tests: per table, read = written + duplicates + skipped + rejected):
 * <ul>
 *   <li>a well-formed record is one record read for the file; each emit then produces one row for
 *       its table, or one row per for_each element (none for a NULL or empty value), and each row is
 *       read once and counted in exactly one bucket of its table and of the file;
 *   <li>a malformed record (invalid encoding, wrong number of fields, unterminated quote) is one
 *       record read for the file and one row read and rejected for each emit of the source (one per
 *       emit even under for_each, since its elements are unknown), with one line in rejects.csv
 *       (empty table and column);
 *   <li>rows of one record are independent: a rejected package row does not stop the same record's
 *       maintainer row (the package_tag rows referring to it then miss their ref).
 * </ul>
 * Single-threaded; one per input file.
 */
final class RecordProcessor implements MalformedRecordListener {
  private final String sourceFile;
  private final TableCounters fileCounters;
  private final Rejects rejects;
  /** The table of each emit of the source, for malformed records. */
  private final List<TableOutput> emitTables;
  /** Reused for every row. */
  private final RowProblem problem = new RowProblem();
  /** Set once the file's header is bound. */
  private List<CompiledEmit> emits = List.of();

  RecordProcessor(String sourceFile, TableCounters fileCounters, Rejects rejects, List<TableOutput> emitTables) {
    this.sourceFile = sourceFile;
    this.fileCounters = fileCounters;
    this.rejects = rejects;
    this.emitTables = List.copyOf(emitTables);
  }

  void bind(List<CompiledEmit> compiled) {
    this.emits = List.copyOf(compiled);
  }

  void process(InputRecord record) {
    fileCounters.read(1);
    IntFunction<String> fields = record::value;
    for (CompiledEmit emit : emits) {
      if (emit.forEach().isEmpty()) {
        row(emit, fields, null, record.line());
        continue;
      }
      for (String element : emit.forEach().get().elements(fields)) {
        row(emit, fields, element, record.line());
      }
    }
  }

  private void row(CompiledEmit emit, IntFunction<String> fields, String element, long line) {
    TableOutput table = emit.table();
    RowStatus status;
    try {
      status = emit.rows().build(fields, element, problem);
      if (status == RowStatus.WRITTEN) {
        status = table.write(emit.rows().row(), problem);
      }
    } catch (IdOverflow e) {
      throw new IdRangeException(sourceFile, line, e.table, e.column, e.id);
    }
    if (status == RowStatus.FATAL) {
      throw new InputErrorException(sourceFile, line, table.name(), problem.column(), problem.reason());
    }
    table.counters().read(1);
    table.counters().count(status);
    fileCounters.count(status);
    if (status == RowStatus.REJECTED) {
      rejects.write(sourceFile, line, table.name(), problem.column(), problem.rawValue(), problem.reason());
    }
  }

  @Override
  public void malformed(MalformedRecord record) {
    fileCounters.read(1);
    for (TableOutput table : emitTables) {
      table.counters().read(1);
      table.counters().count(RowStatus.REJECTED);
      fileCounters.count(RowStatus.REJECTED);
    }
    rejects.write(sourceFile, record.line(), null, null, record.rawText(), record.reason());
  }
}
