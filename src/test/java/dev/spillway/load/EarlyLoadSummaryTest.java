package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pipelined run's summary: segments loaded while spilling count with the time their loads took. */
class EarlyLoadSummaryTest {
  @Test
  void earlySegmentsAddTheirRowsAndCopyTimeToTheirTable() {
    TableSummary last = new TableSummary("item", "\"s\".\"item\"", 1, 2, 50, 500, 1.0, 50, 50, 0, 0, 0);
    LoadSummary finalLoad = new LoadSummary("id", "/spill", "s", "error", 1, 2, 50, 500, 1.0, List.of(last));
    EarlyLoadSummary.Counts early = EarlyLoadSummary.Counts.NONE
        .plus(new SegmentResult(100, 1000, 100, 0, 0, 0, 2_000_000_000L))
        .plus(new SegmentResult(150, 1500, 150, 0, 0, 5_000_000_000L, 6_000_000_000L));
    LoadSummary merged = new EarlyLoadSummary(Map.of("item", early)).addTo(finalLoad, 30.0);

    TableSummary item = merged.tables().get(0);
    assertEquals(3, item.segmentsLoaded());
    assertEquals(0, item.segmentsAlreadyLoaded());
    assertEquals(300, item.rows());
    assertEquals(4.0, item.seconds(), 1e-9, "1 s of the final load + 2 s + 1 s of early COPYs, not the run's 30 s or 0");
    assertEquals(75.0, item.rowsPerSecond(), 1e-9);
    assertEquals(300, merged.rows());
    assertEquals(30.0, merged.seconds(), 1e-9);
  }
}
