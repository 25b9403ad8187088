package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentVerifier;
import dev.spillway.segment.SpillFormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verification ahead of the jobs, without a database: the loader's dispatch pattern, simulated. */
class VerifyAheadTest {
  @TempDir
  Path tmp;

  private LoadPlan plan() {
    Spill spill = new Packages(200, 2000, 13).write(tmp.resolve("spill"), "s", 4096);
    return SpillCheck.plan(spill.root(), Optional.empty());
  }

  /** As the loader does: the first segments ahead of time, then the upcoming ones at each hand-out. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void inSteadyStateNoJobVerifiesItself(int jobs) {
    LoadPlan plan = plan();
    LoadQueue queue = new LoadQueue(plan.tables(), (t, s) -> false);
    try (VerifyAhead ahead = new VerifyAhead(new SegmentVerifier(plan.dir(), plan.manifest()), jobs)) {
      plan.manifest().segments().stream().limit(jobs).forEach(ahead::prefetch);
      java.util.ArrayDeque<LoadTask> running = new java.util.ArrayDeque<>();
      int verified = 0;
      while (!queue.allDone()) {
        while (running.size() < jobs) {
          Optional<LoadTask> next = queue.next();
          if (next.isEmpty()) {
            break;
          }
          running.add(next.get());
          queue.upcoming(jobs).forEach(ahead::prefetch);
        }
        LoadTask task = running.poll();
        if (task instanceof LoadTask.Segment s) {
          ahead.await(s.segment());
          verified++;
        }
        queue.done(task);
      }
      assertEquals(plan.segmentCount(), verified);
      assertEquals(0, ahead.inlineVerifications(), "every segment was verified ahead");
    }
  }

  @Test
  void aDefectFoundAheadIsThrownToTheJobThatAwaitsIt() throws Exception {
    LoadPlan plan = plan();
    SealedSegment second = plan.manifest().segments().get(1);
    Path file = plan.dir().root().resolve(second.file());
    LoaderTest.flipBit(file, LoaderTest.payloadOffset(file, 2, 1), 4);
    try (VerifyAhead ahead = new VerifyAhead(new SegmentVerifier(plan.dir(), plan.manifest()), 1)) {
      ahead.prefetch(plan.manifest().segments().get(0));
      ahead.prefetch(second);
      ahead.await(plan.manifest().segments().get(0));
      SpillFormatException e = assertThrows(SpillFormatException.class, () -> ahead.await(second));
      assertEquals(file, e.file());
      assertTrue(e.getMessage().contains("CRC32C"), e.getMessage());
      ahead.keepOnly(List.of());
      assertThrows(SpillFormatException.class, () -> ahead.await(second), "verified again when awaited without a prefetch");
      assertEquals(1, ahead.inlineVerifications());
    }
  }
}
