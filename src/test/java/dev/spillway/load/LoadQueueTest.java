package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.QualifiedName;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFileName;
import dev.spillway.segment.SpillColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scheduling rules, without a database: parents first and self-references in order where
 * foreign keys are checked during the load, any order otherwise; keys after a table's segments,
 * foreign keys after the keys of the table and of its parents.
 */
class LoadQueueTest {
  private static TablePlan table(int ordinal, String name, int segments, List<String> parents, boolean selfReferencing) {
    List<SealedSegment> list = new ArrayList<>();
    for (int s = 1; s <= segments; s++) {
      list.add(new SealedSegment(name, s, new SegmentFileName(ordinal, s).relativePath(), 100, 1, "00000000"));
    }
    ManifestTable t = ManifestTable.of(name, List.of(SpillColumn.of("id", "bigint")), "id", List.of(), Map.of());
    return new TablePlan(t, QualifiedName.of("s", name), list, parents, selfReferencing);
  }

  /** Every task that may start now; a table's start task is reported done at once (segments wait for it). */
  private static List<LoadTask> drain(LoadQueue q) {
    List<LoadTask> out = new ArrayList<>();
    for (Optional<LoadTask> t = q.next(); t.isPresent(); t = q.next()) {
      out.add(t.get());
      if (t.get() instanceof LoadTask.Start) {
        q.done(t.get());
      }
    }
    return out;
  }

  private static List<LoadTask> segments(List<LoadTask> tasks) {
    return tasks.stream().filter(t -> t instanceof LoadTask.Segment).toList();
  }

  @Test
  void aTableStartsBeforeItsFirstSegmentWhichWaitsForIt() {
    TablePlan a = table(1, "a", 2, List.of(), false);
    TablePlan b = table(2, "b", 1, List.of(), false);
    LoadQueue q = new LoadQueue(List.of(a, b), (t, s) -> false);
    LoadTask startA = q.next().orElseThrow();
    assertEquals(new LoadTask.Start(a), startA);
    assertEquals(new LoadTask.Start(b), q.next().orElseThrow(), "a's segments wait for its start; b may start");
    assertEquals(Optional.empty(), q.next());
    q.done(startA);
    assertEquals(new LoadTask.Segment(a, a.segments().get(0)), q.next().orElseThrow());
  }

  @Test
  void childrenWaitUntilEveryParentSegmentIsDone() {
    TablePlan parent = table(1, "parent", 3, List.of(), false);
    TablePlan other = table(2, "other", 1, List.of(), false);
    TablePlan child = table(3, "child", 2, List.of("parent"), false);
    LoadQueue q = new LoadQueue(List.of(parent, other, child), (t, s) -> false);

    List<LoadTask> first = segments(drain(q));
    assertEquals(4, first.size(), "all of parent and other, nothing of child: " + first);
    assertTrue(first.stream().noneMatch(t -> t.table() == child));
    q.done(first.get(0));
    q.done(first.get(1));
    assertEquals(Optional.empty(), q.next(), "one parent segment still running");
    q.done(first.get(2));
    List<LoadTask> next = drain(q);
    assertEquals(List.of(new LoadTask.Keys(parent), new LoadTask.Start(child), new LoadTask.Segment(child, child.segments().get(0)),
        new LoadTask.Segment(child, child.segments().get(1))), next);
    assertFalse(q.allDone());
  }

  @Test
  void aSelfReferencingTableLoadsOneSegmentAtATimeInOrder() {
    TablePlan tree = table(1, "tree", 3, List.of(), true);
    LoadQueue q = new LoadQueue(List.of(tree), (t, s) -> false);
    q.done(q.next().orElseThrow()); // start
    for (int s = 1; s <= 3; s++) {
      LoadTask task = q.next().orElseThrow();
      assertEquals(s, ((LoadTask.Segment) task).segment().sequence());
      assertEquals(Optional.empty(), q.next());
      q.done(task);
    }
    LoadTask keys = q.next().orElseThrow();
    assertEquals(new LoadTask.Keys(tree), keys);
    assertEquals(Optional.empty(), q.next(), "its foreign keys wait for its keys");
    q.done(keys);
    LoadTask finish = q.next().orElseThrow();
    assertEquals(new LoadTask.Finish(tree, true), finish);
    q.done(finish);
    assertTrue(q.allDone());
  }

  @Test
  void loadedSegmentsAreSkippedButTheTableIsStillFinished() {
    TablePlan a = table(1, "a", 2, List.of(), false);
    TablePlan b = table(2, "b", 2, List.of("a"), false);
    LoadQueue q = new LoadQueue(List.of(a, b), (t, s) -> t == a || s.sequence() == 1);
    assertEquals(2, q.alreadyLoaded("a"));
    assertEquals(1, q.alreadyLoaded("b"));
    assertEquals(1, q.toLoad().size());
    List<LoadTask> tasks = drain(q);
    assertEquals(Set.of(new LoadTask.Keys(a), new LoadTask.Start(b), new LoadTask.Segment(b, b.segments().get(1))),
        Set.copyOf(tasks));
    assertEquals(3, tasks.size());
  }

  /** A table of one segment of {@code megabytes}, an id column, a natural key and references to {@code parents}. */
  private static TablePlan sized(int ordinal, String name, int megabytes, boolean id, String... parents) {
    long bytes = megabytes * 1_000_000L + 1;
    SealedSegment segment = new SealedSegment(name, 1, new SegmentFileName(ordinal, 1).relativePath(), bytes, 1, "00000000");
    List<SpillColumn> columns = new ArrayList<>(List.of(SpillColumn.of("id", "bigint"), SpillColumn.of("k", "text")));
    Map<String, String> references = new java.util.LinkedHashMap<>();
    for (String parent : parents) {
      columns.add(SpillColumn.of(parent + "_id", "bigint"));
      references.put(parent + "_id", parent);
    }
    ManifestTable t = ManifestTable.of(name, columns, id ? "id" : null, List.of("k"), references);
    return new TablePlan(t, QualifiedName.of("s", name), List.of(segment), List.of(parents), false);
  }

  /**
   * Constraints after the data (bench/run-vs-psql.sh's tables, sizes in MB): the largest chains of
   * work start first, a big table's keys before a small table's rows, and the small tables, whose
   * keys nothing big waits for, last; not the manifest's order, which left one job alone with the
   * biggest table's keys and foreign keys at the end.
   */
  @Test
  void withConstraintsAfterTheDataTheLongestChainsOfWorkComeFirst() {
    TablePlan pkg = sized(1, "package", 0, true);
    TablePlan version = sized(2, "version", 0, true, "package");
    TablePlan file = sized(3, "file", 10, true, "version");
    TablePlan fragment = sized(4, "fragment", 22, true, "file");
    TablePlan term = sized(5, "term", 1, true);
    TablePlan fragmentTerm = sized(6, "fragment_term", 20, false, "fragment", "term");
    LoadQueue q = new LoadQueue(List.of(pkg, version, file, fragment, term, fragmentTerm), (t, s) -> false, t -> false);

    List<LoadTask> starts = drain(q).stream().filter(t -> t instanceof LoadTask.Start).toList();
    assertEquals(List.of("fragment", "fragment_term", "file", "term", "version", "package"),
        starts.stream().map(t -> t.table().name()).toList(), "tables by the work behind their rows");

    LoadQueue q2 = new LoadQueue(List.of(pkg, version, file, fragment, term, fragmentTerm), (t, s) -> false, t -> false);
    List<LoadTask> order = new ArrayList<>();
    for (Optional<LoadTask> t = q2.next(); t.isPresent(); t = q2.next()) { // one job: each task done before the next
      order.add(t.get());
      q2.done(t.get());
    }
    assertTrue(q2.allDone());
    assertTrue(order.indexOf(new LoadTask.Keys(fragment)) < order.indexOf(new LoadTask.Segment(file, file.segments().get(0))),
        "the biggest table's keys before a smaller table's rows: " + order);
    assertTrue(order.indexOf(new LoadTask.Segment(term, term.segments().get(0)))
        < order.indexOf(new LoadTask.Segment(pkg, pkg.segments().get(0))), "term's keys gate fragment_term's foreign keys");
    assertEquals(new LoadTask.Finish(pkg, true), order.get(order.size() - 1), "the smallest table last: " + order);
  }

  /**
   * Tables whose foreign keys come after the data: a cycle (a -> b -> a) and a self-reference load
   * at once, segments in parallel; each table's foreign keys wait for its keys and the other's.
   */
  @Test
  void tablesCheckedOnlyAfterTheDataLoadInAnyOrderCyclesIncluded() {
    TablePlan a = table(1, "a", 2, List.of("b"), true);
    TablePlan b = table(2, "b", 1, List.of("a"), false);
    LoadQueue q = new LoadQueue(List.of(a, b), (t, s) -> false, t -> false);
    List<LoadTask> first = segments(drain(q));
    assertEquals(3, first.size(), "every segment at once, the self-referencing table's too: " + first);
    first.forEach(q::done);
    LoadTask keysA = q.next().orElseThrow();
    LoadTask keysB = q.next().orElseThrow();
    assertEquals(List.of(new LoadTask.Keys(a), new LoadTask.Keys(b)), List.of(keysA, keysB));
    q.done(keysA);
    assertEquals(Optional.empty(), q.next(), "a's foreign key to b waits for b's keys");
    q.done(keysB);
    assertEquals(List.of(new LoadTask.Finish(a, true), new LoadTask.Finish(b, true)), drain(q));
  }

  /** A simulated run with N jobs completing tasks in random order never breaks the rules. */
  @Test
  void randomCompletionOrderKeepsTheRules() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      TablePlan a = table(1, "a", 1 + random.nextInt(5), List.of(), false);
      TablePlan b = table(2, "b", random.nextInt(5), List.of("a"), random.nextBoolean());
      TablePlan c = table(3, "c", 1 + random.nextInt(5), List.of("a", "b"), false);
      TablePlan d = table(4, "d", 1 + random.nextInt(3), List.of(), false);
      Set<String> preloaded = new HashSet<>();
      boolean checked = random.nextBoolean();
      LoadQueue q = new LoadQueue(List.of(a, b, c, d), (t, s) -> random.nextInt(4) == 0 && preloaded.add(s.file()),
          t -> checked);
      int jobs = 1 + random.nextInt(4);
      List<LoadTask> running = new ArrayList<>();
      Set<String> segmentsDone = new HashSet<>();
      Set<String> finished = new HashSet<>();
      Set<String> started = new HashSet<>();
      Set<String> keysBuilt = new HashSet<>();
      int steps = 0;
      while (!q.allDone()) {
        assertTrue(++steps < 1000, "no progress");
        while (running.size() < jobs) {
          Optional<LoadTask> t = q.next();
          if (t.isEmpty()) {
            break;
          }
          LoadTask task = t.get();
          for (String parent : task.table().parents()) {
            TablePlan p = List.of(a, b, c, d).stream().filter(x -> x.name().equals(parent)).findFirst().orElseThrow();
            for (SealedSegment s : p.segments()) {
              assertTrue(!checked || task instanceof LoadTask.Keys || task instanceof LoadTask.Finish
                  || segmentsDone.contains(s.file()) || preloaded.contains(s.file()),
                  "parent " + parent + " unfinished");
            }
            if (task instanceof LoadTask.Finish) {
              assertTrue(keysBuilt.contains(parent), "foreign keys before the keys of parent " + parent);
            }
          }
          if (task instanceof LoadTask.Keys || task instanceof LoadTask.Finish) {
            task.table().segments().forEach(s -> assertTrue(segmentsDone.contains(s.file()) || preloaded.contains(s.file()),
                "keys or finish before the table's segments"));
          }
          if (task instanceof LoadTask.Finish) {
            assertTrue(keysBuilt.contains(task.table().name()), "finish before the table's keys");
          }
          if (task instanceof LoadTask.Finish) {
            task.table().segments().forEach(s -> assertFalse(running.stream().anyMatch(r -> r instanceof LoadTask.Segment rs
                && rs.segment().equals(s)), "finish while a segment runs"));
          }
          if (task instanceof LoadTask.Segment) {
            assertTrue(started.contains(task.table().name()), "segment before its table's start completed");
          }
          if (checked && task.table().selfReferencing() && task instanceof LoadTask.Segment) {
            assertTrue(running.stream().noneMatch(r -> r.table() == task.table()), "self-referencing table in parallel");
          }
          running.add(task);
        }
        LoadTask done = running.remove(random.nextInt(running.size()));
        q.done(done);
        if (done instanceof LoadTask.Segment s) {
          segmentsDone.add(s.segment().file());
        } else if (done instanceof LoadTask.Start) {
          assertTrue(started.add(done.table().name()), "started twice");
        } else if (done instanceof LoadTask.Keys) {
          assertTrue(keysBuilt.add(done.table().name()), "keys built twice");
        } else {
          assertTrue(finished.add(done.table().name()), "finished twice");
        }
      }
      assertEquals(Set.of("a", "b", "c", "d"), finished);
    }
  }
}
