package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.QualifiedName;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFileName;
import dev.spillway.segment.SpillColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A shared loader's worker warns (through {@link RunTally#workerWarning}) while the dispatching
 * thread reports a committed segment: the display (single-threaded, a terminal line) must never
 * be entered by both at once. Deterministic: the display, inside {@code segmentLoaded}, starts the
 * warning worker and waits until it is either inside {@code warning} (the race) or blocked on the
 * tally's lock.
 */
class RunTallyTest {
  private static TablePlan table() {
    SealedSegment segment = new SealedSegment("t", 1, new SegmentFileName(1, 1).relativePath(), 100, 1, "00000000");
    ManifestTable t = ManifestTable.of("t", List.of(SpillColumn.of("id", "bigint")), "id", List.of(), Map.of());
    return new TablePlan(t, QualifiedName.of("s", "t"), List.of(segment), List.of(), false);
  }

  @Test
  void aWorkersWarningWaitsWhileTheDispatchingThreadReportsASegment() throws InterruptedException {
    TablePlan table = table();
    AtomicReference<RunTally> tally = new AtomicReference<>();
    AtomicReference<Thread> worker = new AtomicReference<>();
    AtomicBoolean reporting = new AtomicBoolean();
    AtomicBoolean warned = new AtomicBoolean();
    List<String> overlaps = new ArrayList<>();
    LoadProgress display = new LoadProgress() {
      @Override
      public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {}

      @Override
      public void segmentLoaded(String name, long rows, long bytes) {
        reporting.set(true);
        Thread w = new Thread(() -> tally.get().workerWarning("waiting for loader 2's claim"), "worker");
        worker.set(w);
        w.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!warned.get() && w.getState() != Thread.State.BLOCKED) {
          // ends on an event either way: the warning got in, or it waits for the lock
          if (System.nanoTime() > deadline) {
            throw new AssertionError("the worker neither warned nor waited for the tally's lock: " + w.getState());
          }
          Thread.onSpinWait();
        }
        reporting.set(false);
      }

      @Override
      public void warning(String message) {
        if (reporting.get()) {
          synchronized (overlaps) {
            overlaps.add(message);
          }
        }
        warned.set(true);
      }

      @Override
      public void close() {}
    };
    tally.set(new RunTally(List.of(table), new LoadQueue(List.of(table), (t, s) -> false), display));

    tally.get().completed(new LoadTask.Segment(table, table.segments().get(0)), new SegmentResult(1, 100, 1, 0, 0, 0, 1));
    worker.get().join();

    assertTrue(warned.get(), "the warning was shown");
    assertEquals(List.of(), overlaps, "warnings shown while the dispatching thread was inside segmentLoaded");
  }
}
