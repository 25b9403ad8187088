package dev.spillway.cli;

import dev.spillway.api.RunStoppedException;
import dev.spillway.pg.ProgressTotal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code spillway run} says after its first line when stage one stopped with segments already
 * committed ({@link RunStoppedException}): what stays in the database, per table, and what to do
 * next. Never {@code --append}: the fixed input's spill would add its rows to these. Stateless.
 */
final class RunStoppedText {
  private RunStoppedText() {}

  /** The lines after the cause's, without the {@code spillway: } prefix. */
  static List<String> lines(RunStoppedException stopped) {
    String tables = stopped.committed().stream().map(RunStoppedText::table).collect(Collectors.joining(", "));
    String loaded = "already in the database and staying there (run loads each segment while stage one reads on): "
        + Units.count(stopped.rows()) + " rows in " + Units.count(stopped.segments()) + " segments of spill "
        + stopped.spillId() + ": " + tables;
    String replace = "fix the input and run again with --replace: it empties these tables and loads the new spill in"
        + " their place (not --append, which would add the new spill's rows to these)";
    String next = stopped.resumable()
        ? "next: " + replace + "; or, with the same input files and plan (a higher --max-rejects, more disk space), run"
            + " the same command again: the same spill goes on from these segments"
        : "next: " + replace;
    return List.of(loaded, next);
  }

  private static String table(ProgressTotal t) {
    return t.tableName() + " " + Units.count(t.rows()) + " rows in " + Units.count(t.segments()) + " segments";
  }
}
