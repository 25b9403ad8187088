package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.ClientEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Regression: text written to standard error while stage one's progress bar is drawn on the
 * terminal (a logging line from an early-load worker thread, a library's warning, stage one's own
 * warnings) landed after the bar on the bar's line, and the bar was not redrawn under it. In the
 * process standard error is the context's terminal ({@link Main} makes it {@code System.err}); each
 * test writes to it as the process's other writers do, and replays the bytes on a model of the
 * terminal ({@link RunTerminalLinesTest#screen}): every warning must read intact on a line of its
 * own, every other line be a progress line, and the bar be drawn again under the warnings.
 */
class TerminalWarningsTest {
  private static final String WARN = "[WARN] dev.spillway.load.EarlyLoad - closing an early load connection failed: "
      + "An I/O error occurred while sending to the backend.";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CliContext context = new CliContext(ClientEnvironment.of(Map.of(), "u"), true, 120,
      Optional.of(new PrintStream(bytes, true, StandardCharsets.UTF_8)), prompt -> Optional.empty());
  /** What the process's System.err is: the terminal ({@link Main}). */
  private final PrintStream stderr = context.terminal().orElseThrow();
  private final ProgressOutput output = ProgressOutput.of(context, new PrintWriter(new StringWriter()));

  @Test
  void aWarningWrittenWhileTheBarIsDrawnGetsALineOfItsOwnAndTheBarComesBack() {
    SpillProgressView spill = new SpillProgressView(output);
    spill.start(100L << 20);
    spill.update(1_000, 10L << 20);
    stderr.println(WARN); // another thread's logging line
    String raw = raw();
    List<String> screen = RunTerminalLinesTest.screen(raw);
    assertEquals(WARN, screen.get(0).stripTrailing(), shown(raw));
    assertEquals(2, screen.size(), "the bar drawn again under the warning: " + shown(raw));
    assertTrue(screen.get(1).startsWith("spill   10%"), shown(raw));

    spill.update(2_000, 20L << 20); // within the interval: the bar stays as it is
    spill.close();
    screen = RunTerminalLinesTest.screen(raw());
    assertEquals(List.of(WARN, "spill"), screen.stream().map(l -> l.startsWith("spill") ? "spill" : l).toList(), shown(raw()));
    assertTrue(raw().endsWith("\n"), shown(raw()));
  }

  @Test
  void aLoggingLineWhileTheBarIsDrawnGetsALineOfItsOwn() {
    PrintStream before = System.err;
    System.setErr(stderr); // as Main does: slf4j-simple writes to System.err as it is at each line
    try {
      SpillProgressView spill = new SpillProgressView(output);
      spill.start(100L << 20);
      spill.update(1_000, 10L << 20);
      LoggerFactory.getLogger("dev.spillway.load.EarlyLoad").warn("closing an early load connection failed: {}", "gone");
      spill.close();
    } finally {
      System.setErr(before);
    }
    List<String> screen = RunTerminalLinesTest.screen(raw());
    assertEquals(2, screen.size(), shown(raw()));
    assertEquals("[WARN] dev.spillway.load.EarlyLoad - closing an early load connection failed: gone",
        screen.get(0).stripTrailing(), shown(raw()));
    assertTrue(screen.get(1).startsWith("spill "), shown(raw()));
  }

  @Test
  void warningsFromOtherThreadsWhileTheBarIsRedrawnEachReadIntact() throws Exception {
    int threads = 3;
    int perThread = 300;
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(new Thread(() -> {
        try {
          go.await();
          for (int i = 0; i < perThread; i++) {
            stderr.println("[WARN] writer " + thread + " line " + i + " of " + perThread + ": " + "x".repeat(1 + i % 50));
          }
        } catch (Throwable e) {
          failed.set(e);
        }
      }));
    }
    writers.forEach(Thread::start);
    go.countDown();
    int bars = 0;
    while (writers.stream().anyMatch(Thread::isAlive) || bars < 200) { // the reading thread: bars, warnings, notes
      SpillProgressView spill = new SpillProgressView(output);
      spill.start(100L << 20);
      spill.update(bars, (bars % 100) << 20);
      if (bars % 7 == 0) {
        ProgressOutput.warn(Optional.of(output), new PrintWriter(new StringWriter()), "stage one's warning " + bars);
      }
      spill.update(bars + 1, ((bars + 50) % 100) << 20);
      spill.close();
      bars++;
    }
    for (Thread w : writers) {
      w.join();
    }
    assertEquals(null, failed.get());

    String raw = raw();
    List<String> screen = RunTerminalLinesTest.screen(raw);
    List<String> warnings = new ArrayList<>();
    for (String line : screen) {
      String l = line.stripTrailing();
      if (l.startsWith("[WARN] ") || l.startsWith("spillway: warning: ")) {
        warnings.add(l);
      } else {
        assertTrue(l.matches("spill +[0-9]+% .*") && !l.contains("WARN") && !l.contains("warning"),
            "a line neither a bar nor a warning: " + l);
      }
    }
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertTrue(warnings.remove("[WARN] writer " + t + " line " + i + " of " + perThread + ": " + "x".repeat(1 + i % 50)),
            "writer " + t + " line " + i + " not intact on a line of its own");
      }
    }
    for (int b = 0; b < bars; b += 7) {
      assertTrue(warnings.remove("spillway: warning: stage one's warning " + b), "stage one's warning " + b);
    }
    assertEquals(List.of(), warnings);
  }

  private String raw() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String shown(String raw) {
    return raw.replace("\r", "\\r");
  }
}
