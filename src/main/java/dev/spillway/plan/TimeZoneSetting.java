package dev.spillway.plan;

import dev.spillway.pgbinary.ZoneNames;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The plan's top-level {@code time_zone: Europe/Berlin}: the zone in which stage one reads
 * {@code timestamptz} input that carries no offset, as COPY reads it in a session whose
 * {@code TimeZone} is that zone (daylight-saving gaps and overlaps included). UTC when absent. The
 * value is an IANA name from {@link ZoneNames}, in any case; anything else is a problem with a
 * did-you-mean hint ({@code Berlin} suggests {@code Europe/Berlin}).
 */
final class TimeZoneSetting {
  static final String FIELD = "time_zone";
  /** {@code +02:00}, {@code UTC+3}, {@code GMT-05}: an offset written as a zone. */
  private static final Pattern OFFSET = Pattern.compile("(?i)(?:UTC|GMT|UT|Z)?\\s*[+-]\\d.*");

  private TimeZoneSetting() {}

  /** The zone at {@code time_zone}, UTC when absent or after reporting a problem. */
  static ZoneId parse(MapReader r, Problems problems) {
    if (!r.has(FIELD)) {
      return ZoneOffset.UTC;
    }
    String name = MapReader.text(r.optional(FIELD), r.pathOf(FIELD), problems);
    if (name == null) {
      return ZoneOffset.UTC;
    }
    return ZoneNames.lookup(name.strip()).orElseGet(() -> {
      problems.add(r.pathOf(FIELD), "unknown time zone '" + name + "'" + hint(name.strip())
          + "; give an IANA name as PostgreSQL's TimeZone takes it (SELECT name FROM pg_timezone_names),"
          + " e.g. Europe/Berlin, America/New_York or UTC");
      return ZoneOffset.UTC;
    });
  }

  /**
   * A did-you-mean for a misspelt name ({@code Europe/Berln}), or for a city without its region
   * ({@code Berlin}, {@code berln}): the city part of one zone name within two edits.
   */
  private static String hint(String name) {
    if (ZoneNames.isAbbreviation(name)) {
      return " (an abbreviation stands for an offset, not for a zone's rules: name the region whose clocks the data"
          + " follows, e.g. America/Los_Angeles rather than PST)";
    }
    if (OFFSET.matcher(name).matches()) {
      return " (a fixed offset is not a zone name: name the region whose clocks the data follows, or for a fixed"
          + " offset Etc/GMT-3, which is three hours east of UTC: POSIX signs are reversed)";
    }
    List<String> all = ZoneNames.all();
    String full = Problems.didYouMean(name, all);
    if (!full.isEmpty() || name.indexOf('/') >= 0) {
      return full;
    }
    Map<String, String> byCity = new HashMap<>();
    for (String zone : all) {
      int slash = zone.lastIndexOf('/');
      if (slash >= 0) {
        byCity.merge(zone.substring(slash + 1).toLowerCase(Locale.ROOT), zone, (a, b) -> a); // the first of e.g. America/X, Antarctica/X
      }
    }
    return Problems.closest(name.toLowerCase(Locale.ROOT), byCity.keySet()).map(city -> " (did you mean '" + byCity.get(city) + "'?)").orElse("");
  }
}
