package dev.spillway.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an {@link EarlyLoad} knows of each table, to decide when its keys and its finish are due
 * while stage one still runs: a table's keys ({@link TableKeys}) once stage one reported it
 * complete and every segment it sealed of it committed early; its finish ({@link TableFinish}:
 * foreign keys, sequences, ANALYZE) once its keys and the keys of every table it references exist,
 * as the final load's {@link LoadQueue} orders them. Each is due once. A table with no segment, or
 * with a segment that waits for the final load, gets neither. Mutable, not thread-safe: the early
 * load calls it holding its lock.
 */
final class EarlyTables {
  /** Per table: segments stage one sealed so far. */
  private final Map<String, Integer> sealed = new HashMap<>();
  /** Per table: segments committed early. */
  private final Map<String, Integer> committed = new HashMap<>();
  /** Tables stage one reported complete. */
  private final Set<String> complete = new HashSet<>();
  private final Set<String> keysDue = new HashSet<>();
  private final Set<String> keysBuilt = new HashSet<>();
  private final Set<String> finishDue = new HashSet<>();
  private final Set<String> finished = new HashSet<>();
  /** Per table whose keys were built early: keys, indexes and foreign keys built. */
  private final Map<String, Integer> restored = new HashMap<>();

  void sealed(String table) {
    sealed.merge(table, 1, Integer::sum);
  }

  /** A segment of {@code table} committed early; returns whether its keys are due now. */
  boolean committed(String table) {
    committed.merge(table, 1, Integer::sum);
    return keysDue(table);
  }

  /** Stage one reported {@code table} complete; returns whether its keys are due now. */
  boolean complete(String table) {
    complete.add(table);
    return keysDue(table);
  }

  private boolean keysDue(String table) {
    int segments = sealed.getOrDefault(table, 0);
    return complete.contains(table) && segments > 0 && committed.getOrDefault(table, 0) == segments
        && keysDue.add(table);
  }

  /** {@code table}'s keys exist ({@code built} objects built); returns the tables whose finish is due now. */
  List<String> keysBuilt(String table, int built, List<TablePlan> tables) {
    keysBuilt.add(table);
    restored.merge(table, built, Integer::sum);
    List<String> due = new ArrayList<>();
    for (TablePlan t : tables) {
      if (keysBuilt.contains(t.name()) && keysBuilt.containsAll(t.parents()) && finishDue.add(t.name())) {
        due.add(t.name());
      }
    }
    return due;
  }

  /** {@code table} is finished ({@code foreignKeys} objects built). */
  void finished(String table, int foreignKeys) {
    finished.add(table);
    restored.merge(table, foreignKeys, Integer::sum);
  }

  /** Whether {@code table} is finished and its {@code segments} all committed early. */
  boolean done(String table, int segments) {
    return finished.contains(table) && committed.getOrDefault(table, 0) == segments;
  }

  Set<String> finished() {
    return Set.copyOf(finished);
  }

  Map<String, Integer> restored() {
    return Map.copyOf(restored);
  }
}
