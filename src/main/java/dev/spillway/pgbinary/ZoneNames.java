package dev.spillway.pgbinary;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The IANA time zone names spillway knows: the JDK's tz database regions ({@code Europe/Berlin},
 * {@code UTC}, {@code Etc/GMT+2}, {@code Japan}), looked up without regard to case as PostgreSQL
 * looks up {@code TimeZone} values and zone names in date/time input. The JDK-only
 * {@code SystemV/...} names are left out (the server has none of them), and so are Java's own
 * forms ({@code GMT+2}, {@code UTC+03:00}, which Java reads as east of UTC and PostgreSQL, as POSIX
 * zones, as west). A name the server knows and the JDK does not ({@code posix/...},
 * {@code right/...}, {@code Factory}, a zone newer than the JDK's tz database) is unknown here.
 * Immutable.
 */
public final class ZoneNames {
  /** Lower-case name to zone, every region of the JDK's tz database but SystemV. */
  private static final Map<String, ZoneId> BY_LOWER_NAME = byLowerName();

  private ZoneNames() {}

  private static Map<String, ZoneId> byLowerName() {
    Map<String, ZoneId> zones = new TreeMap<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      if (!id.startsWith("SystemV/")) {
        zones.put(id.toLowerCase(Locale.ROOT), ZoneId.of(id));
      }
    }
    return Map.copyOf(zones);
  }

  /** The zone called {@code name} in any case ({@code europe/berlin} is Europe/Berlin), or empty. */
  public static Optional<ZoneId> lookup(String name) {
    return Optional.ofNullable(BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Whether {@code word} is one of the time zone abbreviations of PostgreSQL's default set
   * ({@code PST}, {@code CEST}, {@code MSK}), in any case: an offset, not a zone's rules.
   */
  public static boolean isAbbreviation(String word) {
    return ZoneAbbreviations.fixedOffset(word) != null || ZoneAbbreviations.dynamicZone(word) != null;
  }

  /** Every name, in the JDK's spelling, sorted; for did-you-mean hints. */
  public static List<String> all() {
    return BY_LOWER_NAME.values().stream().map(ZoneId::getId).sorted().toList();
  }
}
