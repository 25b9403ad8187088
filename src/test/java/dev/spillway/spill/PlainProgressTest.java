package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlainProgressTest {
  @Test
  void printsAtMostOncePerIntervalAndAtTheEnd() {
    StringWriter out = new StringWriter();
    AtomicLong now = new AtomicLong();
    long second = 1_000_000_000L;
    PlainProgress progress = new PlainProgress(new PrintWriter(out), now::get, 10 * second);
    progress.start(4L << 20);
    now.set(5 * second);
    progress.update(1000, 1L << 20);
    assertEquals("", out.toString(), "within the interval");
    now.set(10 * second);
    progress.update(2_000_000, 2L << 20);
    now.set(20 * second);
    progress.close();
    progress.close();
    assertEquals("spill: 2,000,000 records (200,000 records/s), 2.0 of 4.0 MiB (50%, 0.2 MiB/s)\n"
        + "spill: 2,000,000 records (100,000 records/s), 2.0 of 4.0 MiB (50%, 0.1 MiB/s)\n", out.toString());
  }
}
