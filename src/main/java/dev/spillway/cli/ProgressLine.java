package dev.spillway.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One progress line of fixed-width fields, for every long command (spill, load, verify), never wider
 * than the terminal: at 80 columns
 * <pre>
 * load    45%    18.0/40.0 MiB     9.2 MiB/s    113,996 rows/s  ETA 0:00:02
 * </pre>
 * and on a wider terminal a bar after the percentage and, for a load, the segments before the ETA.
 * Fields are separated by at least two spaces and padded to their width, so numbers never run
 * together; a field that does not fit the width is left out (the bar first, then the segments, the
 * items rate, the byte rate). Sizes in IEC units, counts with thousands separators
 * ({@link Units}). With nothing to do the line says so instead of a percentage and an ETA.
 * Stateless.
 */
public final class ProgressLine {
  static final int TASK_WIDTH = 6;
  static final int PERCENT_WIDTH = 4;
  static final int BYTES_WIDTH = 19;
  static final int RATE_WIDTH = 12;
  static final int ITEMS_WIDTH = 16;
  static final int SEGMENTS_WIDTH = 19;
  static final int ETA_WIDTH = 13;
  static final int MIN_BAR = 12;
  static final int MAX_BAR = 42;
  static final String GAP = "  ";

  /**
   * What a line shows.
   *
   * @param task           {@code spill}, {@code load}, {@code verify}
   * @param itemNoun       per-second noun of the items rate: {@code recs}, {@code rows}; null for none
   * @param bytesDone      bytes done
   * @param bytesTotal     bytes in all
   * @param itemsDone      records or rows done
   * @param segmentsDone   segments done
   * @param segmentsTotal  segments in all; negative when the task has none
   * @param elapsedNanos   time since the task started
   * @param note           replaces the rates and ETA when present (e.g. {@code resolving 1,024 parked records})
   */
  public record Snapshot(String task, String itemNoun, long bytesDone, long bytesTotal, long itemsDone, long segmentsDone,
      long segmentsTotal, long elapsedNanos, String note) {}

  private ProgressLine() {}

  /** The line for {@code s}, at most {@code columns - 1} characters (the last column makes terminals wrap). */
  public static String render(Snapshot s, int columns) {
    int width = columns - 1;
    String task = pad(s.task(), TASK_WIDTH);
    if (s.bytesTotal() <= 0 && s.segmentsTotal() <= 0 && s.note() == null) {
      return task + " nothing to do";
    }
    String percent = String.format(Locale.ROOT, "%3d%%", percent(s));
    String bytes = Units.bytesOf(s.bytesDone(), s.bytesTotal());
    double seconds = s.elapsedNanos() / 1e9;
    if (s.note() != null) {
      String line = task + " " + percent + GAP + padLeft(bytes, BYTES_WIDTH) + GAP + s.note();
      return line.length() <= width ? line : line.substring(0, width);
    }
    String rate = seconds <= 0 ? "" : Units.byteRate(s.bytesDone() / seconds);
    String items = s.itemNoun() == null || seconds <= 0 ? ""
        : Units.count(Math.round(s.itemsDone() / seconds)) + " " + s.itemNoun() + "/s";
    String segments = s.segmentsTotal() < 0 ? null
        : Units.count(s.segmentsDone()) + "/" + Units.count(s.segmentsTotal()) + " segments";
    String eta = eta(s, seconds);

    // fixed part: task, percent, bytes, eta; then optional fields in order of importance
    int used = TASK_WIDTH + 1 + PERCENT_WIDTH + GAP.length() + BYTES_WIDTH + GAP.length() + Math.max(eta.length(), ETA_WIDTH);
    boolean showRate = fits(used, RATE_WIDTH, width);
    used += showRate ? RATE_WIDTH + GAP.length() : 0;
    boolean showItems = s.itemNoun() != null && fits(used, ITEMS_WIDTH, width);
    used += showItems ? ITEMS_WIDTH + GAP.length() : 0;
    boolean showSegments = segments != null && fits(used, SEGMENTS_WIDTH, width);
    used += showSegments ? SEGMENTS_WIDTH + GAP.length() : 0;
    int bar = Math.min(MAX_BAR, width - used - 1 - 2);

    StringBuilder line = new StringBuilder(task).append(' ').append(percent);
    if (bar >= MIN_BAR) {
      line.append(' ').append(bar(percent(s), bar));
    }
    line.append(GAP).append(padLeft(bytes, BYTES_WIDTH));
    List<String> rest = new ArrayList<>();
    if (showRate) {
      rest.add(padLeft(rate, RATE_WIDTH));
    }
    if (showItems) {
      rest.add(padLeft(items, ITEMS_WIDTH));
    }
    if (showSegments) {
      rest.add(padLeft(segments, SEGMENTS_WIDTH));
    }
    rest.add(eta);
    for (String field : rest) {
      line.append(GAP).append(field);
    }
    return line.toString();
  }

  private static boolean fits(int used, int field, int width) {
    return used + field + GAP.length() <= width;
  }

  private static int percent(Snapshot s) {
    if (s.bytesTotal() > 0) {
      return percent(s.bytesDone(), s.bytesTotal());
    }
    return s.segmentsTotal() > 0 ? percent(s.segmentsDone(), s.segmentsTotal()) : 100;
  }

  /**
   * {@code floor(100 * done / total)}, at most 100 and at least 0, exact for every {@code done >= 0}
   * and {@code total > 0}: {@code done * 100} overflows a long above {@code Long.MAX_VALUE / 100}
   * (~92 PB), so past that the product is taken in 128 bits.
   */
  static int percent(long done, long total) {
    if (done >= total) {
      return 100;
    }
    if (done <= Long.MAX_VALUE / 100) {
      return (int) Math.max(0, done * 100 / total);
    }
    return BigInteger.valueOf(done).multiply(BigInteger.valueOf(100)).divide(BigInteger.valueOf(total))
        .intValueExact(); // done < total: below 100
  }

  private static String eta(Snapshot s, double seconds) {
    long left = s.bytesTotal() - s.bytesDone();
    if (left <= 0 && (s.segmentsTotal() < 0 || s.segmentsDone() >= s.segmentsTotal())) {
      return "done";
    }
    if (seconds <= 0 || s.bytesDone() <= 0) {
      return "starting";
    }
    return "ETA " + Units.duration((long) Math.ceil(left / (s.bytesDone() / seconds)));
  }

  private static String bar(int percent, int width) {
    int inner = width - 2;
    int filled = inner * percent / 100;
    return "[" + "#".repeat(filled) + ".".repeat(inner - filled) + "]";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
