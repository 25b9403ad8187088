package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pgbinary.ColumnType;
import dev.spillway.plan.ColumnSpec;
import dev.spillway.plan.OnDuplicate;
import dev.spillway.plan.OnExisting;
import dev.spillway.plan.TableSpec;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: every seal rewrote the whole manifest (and rebuilt it in memory), quadratic in the
 * number of segments. The open manifest is now published on a schedule and may lag; the complete
 * one lists everything.
 */
class ManifestKeeperTest {
  @TempDir
  Path tmp;

  private final AtomicLong millis = new AtomicLong(1_000_000);

  private ManifestKeeper keeper(SpillDirectory dir) {
    TableSpec t = new TableSpec("t", List.of(new ColumnSpec("a", ColumnType.parse("text"))), Optional.empty(), List.of(),
        OnDuplicate.FIRST, OnExisting.SKIP, Map.of());
    return new ManifestKeeper(new ManifestStore(dir), new PublishSchedule(millis::get), "spill-1", "test",
        Instant.parse("2024-05-01T12:00:00Z"), "public", List.of(t), List.of("a.csv"));
  }

  private static SealedSegment segment(long sequence) {
    return new SealedSegment("t", sequence, String.format("segments/0001-%08d.pgcopy", sequence), 100, 1, "00000000");
  }

  @Test
  void sealsPublishOnAScheduleThatKeepsTheTotalWorkLinear() {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("out"));
    ManifestKeeper keeper = keeper(dir);
    ManifestStore store = new ManifestStore(dir);
    int segments = 600;
    for (int i = 1; i <= segments; i++) {
      keeper.sealed(segment(i));
      int listed = store.read().segments().size();
      assertTrue(i - listed < Math.max(PublishSchedule.MIN_SEALS, i / PublishSchedule.GROWTH_DIVISOR),
          "lag after " + i + " seals: " + (i - listed));
    }
    assertTrue(keeper.publications() < 30, "publications for 600 seals: " + keeper.publications());
    for (int i = 0; i < segments; i++) {
      keeper.tableCounters(1).row(RowStatus.WRITTEN);
    }
    Manifest complete = keeper.complete(Instant.parse("2024-05-01T12:01:00Z"));
    assertEquals(SpillState.COMPLETE, store.read().state());
    assertEquals(segments, store.read().segments().size(), "the complete manifest lists every segment");
    assertEquals(complete, store.read());
  }

  @Test
  void aSlowRunPublishesAfterAFewSecondsAndAFailureShowsEverySegment() {
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("out"));
    ManifestKeeper keeper = keeper(dir);
    ManifestStore store = new ManifestStore(dir);
    keeper.sealed(segment(1));
    assertEquals(0, store.read().segments().size(), "not yet");
    millis.addAndGet(PublishSchedule.MAX_LAG_MILLIS);
    keeper.sealed(segment(2));
    assertEquals(2, store.read().segments().size(), "published after " + PublishSchedule.MAX_LAG_MILLIS + " ms");
    keeper.sealed(segment(3));
    assertEquals(2, store.read().segments().size());
    keeper.publishOpen();
    assertEquals(3, store.read().segments().size(), "after a failure the open manifest is current");
    assertEquals(SpillState.OPEN, store.read().state());
  }
}
