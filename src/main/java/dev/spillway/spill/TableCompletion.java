package dev.spillway.spill;

import dev.spillway.plan.Emit;
import dev.spillway.plan.Plan;
import dev.spillway.plan.SourceSpec;
import dev.spillway.plan.TableSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Which tables can receive no more rows once an input file has been read, so that stage one seals
 * their last segment then rather than at its end (and a pipelined run builds their keys while
 * stage one reads on). A table is complete after file {@code i} when:
 * <ul>
 *   <li>file {@code i} is the last file, in reading order, whose source emits it, and no source fed
 *       from code emits it (those come after every file);
 *   <li>no ref of any source creates rows in it ({@code missing: create}: the rows created for keys
 *       that never got their real row are written at the end);
 *   <li>no record of a file whose source emits it was parked (the resolution pass writes parked
 *       records' rows at the end).
 * </ul>
 * The first two are the plan's, the third is decided when file {@code i} is done. Tables are
 * reported in load order (the plan's dependency order), so the result is deterministic. Immutable.
 */
final class TableCompletion {
  /** Per file index, in reading order: the tables its source emits. */
  private final List<Set<String>> emittedByFile;
  /** Tables in load order. */
  private final List<String> tablesInLoadOrder;
  /** Tables that only stage one's end completes. */
  private final Set<String> completeOnlyAtEnd;

  private TableCompletion(List<Set<String>> emittedByFile, List<String> tablesInLoadOrder, Set<String> completeOnlyAtEnd) {
    this.emittedByFile = emittedByFile;
    this.tablesInLoadOrder = tablesInLoadOrder;
    this.completeOnlyAtEnd = completeOnlyAtEnd;
  }

  /** @param fileSources the source of each input file, in reading order */
  static TableCompletion of(Plan plan, List<SourceSpec> fileSources) {
    List<Set<String>> emitted = new ArrayList<>();
    for (SourceSpec s : fileSources) {
      emitted.add(emits(s));
    }
    Set<String> atEnd = new HashSet<>(plan.createdTables());
    plan.sources().stream().filter(SourceSpec::fedFromCode).forEach(s -> atEnd.addAll(emits(s)));
    return new TableCompletion(List.copyOf(emitted), plan.tablesInDependencyOrder().stream().map(TableSpec::name)
        .toList(), Set.copyOf(atEnd));
  }

  private static Set<String> emits(SourceSpec source) {
    Set<String> tables = new HashSet<>();
    source.emits().stream().map(Emit::table).forEach(tables::add);
    return tables;
  }

  /**
   * The tables complete once file {@code fileIndex} has been read, in load order.
   *
   * @param parkedFrom whether a record of the file with this index was parked
   */
  List<String> completeAfter(int fileIndex, IntPredicate parkedFrom) {
    List<String> complete = new ArrayList<>();
    for (String table : tablesInLoadOrder) {
      if (emittedByFile.get(fileIndex).contains(table) && !completeOnlyAtEnd.contains(table)
          && lastEmittingFile(table) == fileIndex && !parkedAnyOf(table, fileIndex, parkedFrom)) {
        complete.add(table);
      }
    }
    return complete;
  }

  private int lastEmittingFile(String table) {
    for (int i = emittedByFile.size() - 1; i >= 0; i--) {
      if (emittedByFile.get(i).contains(table)) {
        return i;
      }
    }
    return -1;
  }

  private boolean parkedAnyOf(String table, int lastFile, IntPredicate parkedFrom) {
    for (int i = 0; i <= lastFile; i++) {
      if (emittedByFile.get(i).contains(table) && parkedFrom.test(i)) {
        return true;
      }
    }
    return false;
  }
}
