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
 * <p>Accounting, so that every input record ends in exactly one bucket per emit (tests derive
 * these counts from the input and compare):
 * <ul>
 *   <li>a well-formed record is one record read for the file; each emit then produces one row for
 *       its table, or one row per for_each element; a for_each value that is NULL or has no
 *       element (empty, only separators and blanks) produces one row counted read and
 *       <b>skipped</b> for the table, so the record is still accounted there;
 *   <li>a malformed record (invalid encoding, wrong number of fields, unterminated quote, too
 *       long) is one record read for the file and one row read and rejected for each emit of the
 *       source (one per emit even under for_each, since its elements are unknown), each with its
 *       own line in rejects.csv naming the emit's table (no column): rejects.csv lines per table
 *       equal the tables' {@code rejected} counters;
 *   <li>rows of one record are independent: a rejected package row does not stop the same record's
 *       maintainer row (the package_tag rows referring to it then miss their ref);
 *   <li>a record for which an emit's {@code when:} does not hold produces no row for that emit,
 *       counted nowhere there; when the condition or the for_each value cannot be computed (a plan
 *       function refused its input) the record is one row read and rejected for that emit;
 *   <li>a row whose refs would create rows ({@code missing: create}) creates them only once the
 *       row is known to be kept: after its own values and refs, and after its table's
 *       {@link RowIdentity#peek} says the claim will write it (not a duplicate or a reject).
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
    fileCounters.record();
    for (CompiledEmit emit : emits) {
      if (emit.when() != null && !EmitSelection.holds(emit, record, problem)) {
        rejectIfFailed(emit, record);
        continue;
      }
      if (emit.forEach().isEmpty()) {
        row(emit, record, null, record.line());
        continue;
      }
      List<String> elements = EmitSelection.elements(emit, record, problem);
      if (elements == null) {
        rejectIfFailed(emit, record);
        continue;
      }
      if (elements.isEmpty()) {
        count(emit.table(), RowStatus.SKIPPED);
      }
      for (int i = 0; i < elements.size(); i++) {
        emit.forEach().get().position().at(i + 1); // $#
        row(emit, record, elements.get(i), record.line());
      }
    }
  }

  private void row(CompiledEmit emit, IntFunction<String> fields, String element, long line) {
    TableOutput table = emit.table();
    RowBuilder rows = emit.rows();
    RowStatus status;
    try {
      status = rows.build(fields, element, problem);
      if (status == RowStatus.WRITTEN && rows.createsRows()) {
        status = table.identity().peek(rows.row(), rows.keyHoldsCreatedId(), problem);
        if (status == RowStatus.WRITTEN) {
          status = rows.createRows(problem);
        }
      }
      if (status == RowStatus.WRITTEN) {
        status = table.write(rows.row(), problem);
      }
    } catch (IdOverflow e) {
      throw new IdRangeException(sourceFile, line, e.table, e.column, e.id);
    }
    if (status == RowStatus.FATAL) {
      throw new InputErrorException(sourceFile, line, table.name(), problem.column(), problem.reason());
    }
    count(table, status);
    if (status == RowStatus.REJECTED) {
      rejects.write(sourceFile, line, table.name(), problem.column(), problem.rawValue(), problem.reason());
    }
  }

  /** The record's rows for {@code emit} could not be chosen ({@link EmitSelection}): one rejected row. */
  private void rejectIfFailed(CompiledEmit emit, InputRecord record) {
    if (problem.reason() != null) {
      count(emit.table(), RowStatus.REJECTED);
      rejects.write(sourceFile, record.line(), emit.table().name(), problem.column(), problem.rawValue(), problem.reason());
    }
  }

  private void count(TableOutput table, RowStatus status) {
    table.counters().row(status);
    fileCounters.bucket(status);
  }

  @Override
  public void malformed(MalformedRecord record) {
    fileCounters.record();
    for (TableOutput table : emitTables) {
      count(table, RowStatus.REJECTED);
      rejects.write(sourceFile, record.line(), table.name(), null, record.rawText(), record.reason());
    }
  }
}
