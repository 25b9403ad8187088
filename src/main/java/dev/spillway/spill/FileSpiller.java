package dev.spillway.spill;

import dev.spillway.input.CsvReader;
import dev.spillway.input.InputFiles;
import dev.spillway.input.ReadAheadSource;
import dev.spillway.input.RecordSource;
import dev.spillway.input.RecordSources;
import dev.spillway.input.SourceRecord;
import dev.spillway.plan.BoundSource;
import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import java.nio.file.Path;

/**
 * Reads one input file of a source into the tables: opens it with the source's format (the reader
 * {@link RecordSources} picks for it), binds the
 * source's emits to its header (or field count), compiles them, and feeds every record to a
 * {@link RecordProcessor}. A file without a single line in a format with header is read as zero
 * records with a warning (as COPY's HEADER option reads it), not bound. With read-ahead the file is
 * parsed on a second thread ({@link ReadAheadSource}) while this one resolves and writes; the
 * records reach the processor in the same order either way, one {@link RecordProcessor#process}
 * call each.
 */
final class FileSpiller {
  /** Batches the read-ahead queue holds: enough to ride out a slow record, few enough to stay small. */
  static final int READ_AHEAD_BATCHES = 4;

  private final Plan plan;
  private final Tables tables;
  private final EmitCompiler compiler;
  private final Rejects rejects;
  private final ProgressTracker progress;
  private final SpillWarnings warnings;
  private final ParkedRecords parked;
  private final InputFiles inputs;
  /** Records per read-ahead batch; 0 parses on the calling thread. */
  private final int readAheadRecords;

  FileSpiller(Plan plan, Tables tables, Rejects rejects, ProgressTracker progress, SpillWarnings warnings,
      ParkedRecords parked, InputFiles inputs, int readAheadRecords) {
    this.readAheadRecords = readAheadRecords;
    this.parked = parked;
    this.inputs = inputs;
    this.plan = plan;
    this.tables = tables;
    this.compiler = new EmitCompiler(plan, tables);
    this.rejects = rejects;
    this.progress = progress;
    this.warnings = warnings;
  }

  /** The highest {@code $N} {@code source} reads, which a file without header must have: see {@link CsvReader}. */
  static int minFields(SourceSpec source) {
    return source.format().header() ? 0 : source.highestPosition();
  }

  /**
   * Returns the file's processor, which the {@link Resolution} uses again for its parked records.
   *
   * @param fileIndex   the file's 0-based position in reading order
   * @param displayName the file as reports show it (relative to the plan when below it)
   * @param counters    the file's counters in the manifest
   */
  RecordProcessor spill(SourceSpec source, int fileIndex, Path file, String displayName, TableCounters counters) {
    RecordProcessor processor = new RecordProcessor(displayName, fileIndex, counters, rejects,
        source.emits().stream().map(e -> tables.get(e.table())).toList(), tables.resolveState(), parked);
    try (RecordSource reader = open(source, file, processor)) {
      if (reader.empty() && source.format().header()) {
        counters.skippedRecords(reader.commentRecordsSkipped());
        warnings.warn(displayName + " is empty (not even a header line): read as zero records");
        progress.fileDone(counters.read(), reader.inputBytesTotal());
        return processor;
      }
      BoundSource bound = plan.bind(source, file, reader.header(), reader.fieldCount());
      processor.bind(compiler.compile(bound));
      long records = 0;
      for (SourceRecord record = reader.next(); record != null; record = reader.next()) {
        processor.process(record);
        if (++records % ProgressTracker.RECORDS_PER_UPDATE == 0) {
          progress.inFile(counters.read(), reader.inputBytesRead());
        }
      }
      counters.skippedRecords(reader.commentRecordsSkipped());
      progress.fileDone(counters.read(), reader.inputBytesTotal());
    }
    return processor;
  }

  private RecordSource open(SourceSpec source, Path file, RecordProcessor processor) {
    if (readAheadRecords == 0) {
      return RecordSources.open(inputs.open(file, false), source, minFields(source), processor);
    }
    return ReadAheadSource.open(listener -> RecordSources.open(inputs.open(file, false), source, minFields(source),
        listener), processor, readAheadRecords, READ_AHEAD_BATCHES);
  }
}
