package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's top-level {@code time_zone}: an IANA name, UTC by default, with did-you-mean hints. */
class TimeZoneSettingTest {
  @TempDir
  Path dir;

  private static String plan(String timeZoneLine) {
    return "version: 1\n" + timeZoneLine + """
        tables: {event: {columns: {id: integer, at: timestamptz}}}
        sources: [{file: e.csv, format: {header: true}, emit: [{table: event, values: {id: $id, at: $at}}]}]
        """;
  }

  @Test
  void absentIsUtc() {
    assertEquals(ZoneOffset.UTC, PlanFixtures.parse(dir, plan("")).timeZone());
  }

  @Test
  void anIanaNameInAnyCaseIsThatZone() {
    assertEquals(ZoneId.of("Europe/Berlin"), PlanFixtures.parse(dir, plan("time_zone: Europe/Berlin\n")).timeZone());
    assertEquals(ZoneId.of("America/New_York"), PlanFixtures.parse(dir, plan("time_zone: america/new_york\n")).timeZone());
    assertEquals(ZoneId.of("Etc/GMT+2"), PlanFixtures.parse(dir, plan("time_zone: Etc/GMT+2\n")).timeZone());
    assertEquals(ZoneId.of("UTC"), PlanFixtures.parse(dir, plan("time_zone: UTC\n")).timeZone());
  }

  private static final String EXPECTED = "; give an IANA name as PostgreSQL's TimeZone takes it (SELECT name FROM"
      + " pg_timezone_names), e.g. Europe/Berlin, America/New_York or UTC";

  @Test
  void aMisspeltNameIsAProblemWithTheNearestName() {
    assertEquals(List.of("time_zone: unknown time zone 'Europe/Berln' (did you mean 'Europe/Berlin'?)" + EXPECTED),
        PlanFixtures.problems(dir, plan("time_zone: Europe/Berln\n")));
  }

  @Test
  void aCityAloneSuggestsItsZone() {
    assertEquals(List.of("time_zone: unknown time zone 'Berlin' (did you mean 'Europe/Berlin'?)" + EXPECTED),
        PlanFixtures.problems(dir, plan("time_zone: Berlin\n")));
    assertEquals(List.of("time_zone: unknown time zone 'new_yrk' (did you mean 'America/New_York'?)" + EXPECTED),
        PlanFixtures.problems(dir, plan("time_zone: new_yrk\n")));
  }

  @Test
  void anAbbreviationOrAnOffsetIsNotAZoneAndGetsNoLookAlike() {
    assertEquals(List.of("time_zone: unknown time zone 'PST' (an abbreviation stands for an offset, not for a zone's"
        + " rules: name the region whose clocks the data follows, e.g. America/Los_Angeles rather than PST)" + EXPECTED),
        PlanFixtures.problems(dir, plan("time_zone: PST\n")));
    assertEquals(List.of("time_zone: unknown time zone 'UTC+3' (a fixed offset is not a zone name: name the region whose"
        + " clocks the data follows, or for a fixed offset Etc/GMT-3, which is three hours east of UTC: POSIX signs are"
        + " reversed)" + EXPECTED), PlanFixtures.problems(dir, plan("time_zone: UTC+3\n")));
  }

  @Test
  void javasOwnOffsetFormsAreNotZones() {
    // Java reads GMT+2 as two hours east of UTC, PostgreSQL (a POSIX zone) as two hours west
    assertEquals(1, PlanFixtures.problems(dir, plan("time_zone: GMT+2\n")).size());
    assertEquals(1, PlanFixtures.problems(dir, plan("time_zone: SystemV/EST5\n")).size());
    assertEquals(1, PlanFixtures.problems(dir, plan("time_zone: '+02:00'\n")).size());
  }

  @Test
  void aNonTextValueIsAProblem() {
    assertEquals(List.of("time_zone: expected a text value, got a list"), PlanFixtures.problems(dir, plan("time_zone: [UTC]\n")));
  }
}
