package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void plainLinesAtMostOncePerIntervalWithRateAndEta() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong(0);
    long second = 1_000_000_000L;
    LineProgress p = new LineProgress(new PrintWriter(text), now::get, 5 * second);
    p.started("s1", 4, 400, 4L << 20, 2);
    now.set(2 * second);
    p.segmentLoaded("t", 100, 1L << 20);
    now.set(6 * second);
    p.segmentLoaded("t", 100, 1L << 20); // 2 MB in 6 s: 0.33 MB/s, 2 MB left: 6 s
    now.set(7 * second);
    p.segmentLoaded("t", 100, 1L << 20);
    now.set(8 * second);
    p.segmentLoaded("t", 100, 1L << 20);
    p.close();
    assertEquals(String.join(System.lineSeparator(),
        "spillway load: spill s1: 4 segments to load (2 already loaded), 400 rows, 4.0 MB",
        "spillway load: 2/4 segments, 200/400 rows, 2.0/4.0 MB, 0.3 MB/s, ETA 0:00:06",
        "spillway load: 4/4 segments, 400/400 rows, 4.0/4.0 MB, 0.5 MB/s, ETA 0:00:00", ""), text.toString());
  }

  @Test
  void modes() {
    assertEquals(ProgressMode.NONE, ProgressMode.detect(true, true));
    assertEquals(ProgressMode.BAR, ProgressMode.detect(false, true));
    assertEquals(ProgressMode.LINES, ProgressMode.detect(false, false));
  }
}
