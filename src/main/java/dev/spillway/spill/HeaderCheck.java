package dev.spillway.spill;

import dev.spillway.input.InputFiles;
import dev.spillway.input.RecordSource;
import dev.spillway.input.RecordSources;
import dev.spillway.plan.Plan;
import dev.spillway.plan.PlanException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every input file's header (or, without header, its field count) against the plan before
 * anything is written, so that a {@code $column} a file lacks is reported, for all files at once,
 * before the spill directory exists. Reads only the first line (or first record) of each file;
 * malformed records met there are ignored here because the real pass reports them. Standard input
 * is peeked ({@link InputFiles}): the real pass reads it again from its start.
 */
final class HeaderCheck {
  private HeaderCheck() {}

  static void check(Plan plan, List<SourceFile> files, InputFiles inputs) {
    List<String> problems = new ArrayList<>();
    for (SourceFile f : files) {
      try (RecordSource reader = RecordSources.open(inputs.open(f.file(), true), f.source(), FileSpiller.minFields(f.source()),
          malformed -> { })) {
        if (reader.empty() && f.source().format().header()) {
          continue; // no header to check: read as zero records (FileSpiller warns)
        }
        plan.bind(f.source(), f.file(), reader.header(), reader.fieldCount());
      } catch (PlanException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new PlanException(plan.planFile().toString(), problems);
    }
  }
}
