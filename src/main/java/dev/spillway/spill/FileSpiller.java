package dev.spillway.spill;

import dev.spillway.input.CsvReader;
import dev.spillway.input.InputRecord;
import dev.spillway.plan.BoundSource;
import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import java.nio.file.Path;

/**
 * Reads one input file of a source into the tables: opens it with the source's format, binds the
 * source's emits to its header (or field count), compiles them, and feeds every record to a
 * {@link RecordProcessor}.
 */
final class FileSpiller {
  private final Plan plan;
  private final Tables tables;
  private final EmitCompiler compiler;
  private final Rejects rejects;
  private final ProgressTracker progress;

  FileSpiller(Plan plan, Tables tables, Rejects rejects, ProgressTracker progress) {
    this.plan = plan;
    this.tables = tables;
    this.compiler = new EmitCompiler(plan, tables);
    this.rejects = rejects;
    this.progress = progress;
  }

  /**
   * @param displayName the file as reports show it (relative to the plan when below it)
   * @param counters    the file's counters in the manifest
   */
  void spill(SourceSpec source, Path file, String displayName, TableCounters counters) {
    RecordProcessor processor = new RecordProcessor(displayName, counters, rejects,
        source.emits().stream().map(e -> tables.get(e.table())).toList());
    try (CsvReader reader = CsvReader.open(file, source.format(), processor)) {
      BoundSource bound = plan.bind(source, file, reader.header(), reader.fieldCount());
      processor.bind(compiler.compile(bound));
      long records = 0;
      for (InputRecord record = reader.next(); record != null; record = reader.next()) {
        processor.process(record);
        if (++records % ProgressTracker.RECORDS_PER_UPDATE == 0) {
          progress.inFile(counters.read(), reader.inputBytesRead());
        }
      }
      progress.fileDone(counters.read(), reader.inputBytesTotal());
    }
  }
}
