package dev.spillway.cli;

import java.util.Locale;

/**
 * The one unit system of spillway's text output: sizes in IEC units (B, KiB, MiB, GiB, TiB; one
 * decimal above bytes), counts with thousands separators, durations as h:mm:ss. Stateless.
 */
public final class Units {
  private static final String[] IEC = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private Units() {}

  /** {@code 512 B}, {@code 12.3 MiB}, {@code 1,023.9 GiB}: at most 11 characters below 1,024 PiB. */
  public static String bytes(double bytes) {
    int unit = unit(bytes);
    return number(Math.max(0, bytes), unit) + " " + IEC[unit];
  }

  /** {@code 18.0/40.0 MiB}: {@code done} in the unit {@link #bytes} shows {@code total} in. */
  public static String bytesOf(long done, long total) {
    int unit = unit(total);
    return (unit == 0 ? count(done) : number(done, unit)) + "/" + bytes(total);
  }

  /** The index in {@link #IEC} of the unit {@link #bytes} shows {@code bytes} in. */
  private static int unit(double bytes) {
    int unit = 0;
    double v = Math.max(0, bytes);
    while (v >= 1024 && unit < IEC.length - 1) {
      v /= 1024;
      unit++;
    }
    if (unit > 0 && Math.round(v * 10) >= 10240 && unit < IEC.length - 1) { // 1023.95 rounds up to the next unit
      unit++;
    }
    return unit;
  }

  /** {@code bytes} in unit {@code IEC[unit]}, without the unit: whole bytes, else one decimal. */
  private static String number(double bytes, int unit) {
    if (unit == 0) {
      return String.format(Locale.ROOT, "%,d", Math.round(bytes));
    }
    return String.format(Locale.ROOT, "%,.1f", Math.scalb(bytes, -10 * unit)); // exact: a power of two
  }

  /** {@code 12.3 MiB/s}. */
  public static String byteRate(double bytesPerSecond) {
    return bytes(bytesPerSecond) + "/s";
  }

  /** {@code 1,234,567}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 0:01:05}, hours unbounded. */
  public static String duration(long seconds) {
    long s = Math.max(0, seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  /** {@code 1.24 s}. */
  public static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%,.2f s", seconds);
  }
}
