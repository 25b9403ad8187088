package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The progress renderer fed a fixed width: 80 and 200 columns, fields never run together, IEC units. */
class ProgressLineTest {
  private static final long SECOND = 1_000_000_000L;

  private static List<ProgressLine.Snapshot> samples() {
    return List.of(
        new ProgressLine.Snapshot("spill", "recs", 9_646_899L, 40L << 20, 113_996, 0, -1, SECOND, null),
        new ProgressLine.Snapshot("load", "rows", 18L << 20, 40L << 20, 2_000_000, 12, 40, 2 * SECOND, null),
        new ProgressLine.Snapshot("load", "rows", 1_023L << 30, 1_023L << 30, 999_999_999, 99_999, 99_999, 3600 * SECOND, null),
        new ProgressLine.Snapshot("verify", null, 0, 5L << 30, 0, 0, 7, 0, null));
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 200})
  void linesFitTheWidthAndFieldsAreSeparated(int columns) {
    for (ProgressLine.Snapshot s : samples()) {
      String line = ProgressLine.render(s, columns);
      assertTrue(line.length() < columns, columns + " columns: " + line.length() + ": " + line);
      assertFalse(line.matches(".*[0-9]/s[0-9].*"), "a rate runs into the next number: " + line);
      assertFalse(line.contains("ETA ?"), line);
      assertFalse(line.contains(" MB") || line.contains(" KB") || line.contains(" GB"), "IEC units only: " + line);
    }
  }

  @Test
  void at80ColumnsTheRatesStayAndTheBarGoes() {
    String line = ProgressLine.render(samples().get(0), 80);
    assertEquals("spill   22%         9.2/40.0 MiB     9.2 MiB/s    113,996 recs/s  ETA 0:00:04", line);
    assertFalse(line.contains("["), "no bar at 80 columns: " + line);
  }

  @Test
  void at200ColumnsABarAndTheSegments() {
    String line = ProgressLine.render(samples().get(1), 200);
    assertTrue(line.matches("load    45% \\[#+\\.+\\]  .*18\\.0/40\\.0 MiB +9\\.0 MiB/s +1,000,000 rows/s +12/40 segments"
        + "  ETA 0:00:03"), line);
    int bar = line.indexOf(']') - line.indexOf('[') + 1;
    assertTrue(bar >= ProgressLine.MIN_BAR, "a bar of " + bar + " characters: " + line);
  }

  @Test
  void nothingToDoInsteadOfAnEta() {
    ProgressLine.Snapshot empty = new ProgressLine.Snapshot("load", "rows", 0, 0, 0, 0, 0, SECOND, null);
    assertEquals("load   nothing to do", ProgressLine.render(empty, 80));
    ProgressLine.Snapshot starting = samples().get(3);
    assertTrue(ProgressLine.render(starting, 80).endsWith("starting"), ProgressLine.render(starting, 80));
  }

  /** Regression: {@code done * 100} overflowed a long above ~92 PB, printing a negative percentage or throwing (the bar). */
  @ParameterizedTest
  @ValueSource(ints = {80, 200})
  void thePercentageIsExactUpToLongMaxValue(int columns) {
    long max = Long.MAX_VALUE;
    long[][] doneTotalPercent = {
        {max, max, 100}, {max - 1, max, 99}, {max / 2, max, 49}, {max / 2 + 1, max, 50}, {0, max, 0},
        {max / 100 + 1, max, 1}, {max / 100, max, 0}, {max / 100 + 1, 1L << 60, 8},
        {(1L << 60) / 100 * 99, (1L << 60) / 100 * 100, 99}, {(1L << 60) / 100 * 99 + 1, (1L << 60) / 100 * 100, 99},
        {max, 1L << 60, 100}, {max - 1, max - 1, 100}, {(max / 100) * 37, (max / 100) * 100, 37},
        {(max / 100) * 37 - 1, (max / 100) * 100, 36}};
    for (long[] c : doneTotalPercent) {
      ProgressLine.Snapshot s = new ProgressLine.Snapshot("load", "rows", c[0], c[1], 1, 0, -1, SECOND, null);
      String line = ProgressLine.render(s, columns);
      assertTrue(line.startsWith(String.format(java.util.Locale.ROOT, "load   %3d%%", c[2])), c[0] + "/" + c[1] + ": " + line);
      assertTrue(line.length() < columns, line);
    }
    ProgressLine.Snapshot segments = new ProgressLine.Snapshot("load", "rows", 0, 0, 1, max - 1, max, SECOND, null);
    assertTrue(ProgressLine.render(segments, columns).startsWith("load    99%"), ProgressLine.render(segments, columns));
  }

  @Test
  void iecUnitsAndThousandsSeparators() {
    assertEquals("0 B", Units.bytes(0));
    assertEquals("1,023 B", Units.bytes(1023));
    assertEquals("1.0 KiB", Units.bytes(1024));
    assertEquals("1.0 MiB", Units.bytes((1L << 20) - 1));
    assertEquals("1,023.0 GiB", Units.bytes(1023L << 30));
    assertEquals("12,345,678", Units.count(12_345_678));
    assertEquals("1:01:05", Units.duration(3665));
    assertEquals("512/1,023 B", Units.bytesOf(512, 1023), "the done part in the total's unit");
    assertEquals("0.5/1.0 MiB", Units.bytesOf(1L << 19, (1L << 20) - 1), "a total rounded up to the next unit");
    assertEquals("1,024.0/1.0 KiB", Units.bytesOf(1L << 20, 1024), "done past the total stays in its unit");
  }

  @Test
  void offATerminalOneLinePerIntervalAndALastOne() {
    StringWriter text = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ProgressOutput output = ProgressOutput.lines(new PrintWriter(text), 80, clock::get, 10 * SECOND);
    SpillProgressView view = new SpillProgressView(output);
    view.start(100L << 20);
    for (int i = 1; i <= 30; i++) {
      clock.addAndGet(SECOND);
      view.update(i * 1000L, i * (1L << 20));
    }
    view.close();
    List<String> lines = text.toString().lines().toList();
    assertEquals(4, lines.size(), text.toString()); // at 1 s, 11 s, 21 s, and the last
    assertTrue(lines.get(3).startsWith("spill   30%"), lines.get(3));
  }

  /** Finding C (session 6): a load whose last segment's line said 100% does not print it again when it ends. */
  @Test
  void offATerminalTheLastLineIsNotPrintedTwice() {
    StringWriter text = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ProgressOutput output = ProgressOutput.lines(new PrintWriter(text), 80, clock::get, 10 * SECOND);
    LoadProgressView view = new LoadProgressView(java.util.Optional.of(output), new PrintWriter(new StringWriter()));
    view.started("id", 1, 10, 1L << 20, 0);
    clock.addAndGet(SECOND);
    view.segmentLoaded("t", 10, 1L << 20); // the first line off a terminal: already 100%
    clock.addAndGet(SECOND); // keys and ANALYZE
    view.close();
    List<String> lines = text.toString().lines().filter(l -> l.startsWith("load ")).toList();
    assertEquals(1, lines.size(), text.toString());
    assertTrue(lines.get(0).startsWith("load   100%") && lines.get(0).endsWith("done"), lines.get(0));
  }

  @Test
  void onATerminalTheLineIsRedrawnInPlace() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    AtomicLong clock = new AtomicLong();
    ProgressOutput output = ProgressOutput.redrawn(TerminalStream.over(new java.io.PrintStream(bytes, true,
        java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8), 80, clock::get, 0);
    LoadProgressView view = new LoadProgressView(java.util.Optional.of(output), new PrintWriter(new StringWriter()));
    view.started("id", 2, 20, 2L << 20, 0);
    clock.addAndGet(SECOND);
    view.segmentLoaded("t", 10, 1L << 20);
    view.warning("waiting for a lock");
    clock.addAndGet(SECOND);
    view.segmentLoaded("t", 10, 1L << 20);
    view.close();
    String shown = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(shown.contains("\rload    50%"), shown);
    assertTrue(shown.contains("spillway: warning: waiting for a lock\n"), shown);
    assertTrue(shown.endsWith("done\n"), shown);
  }
}
