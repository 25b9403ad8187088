package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.SealedSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 4: parsing on a second thread ({@code input.ReadAheadSource}) changes no byte of
 * the output. The same input, with forward refs, self-references (a person's boss is a person read
 * later or earlier, p0 is its own), a cycle of tables across files (person.team -> team, team.lead -> person),
 * missing refs that the resolution pass rejects, bad values rejected as read and malformed
 * records between good ones, spilled on
 * one thread and with read-ahead batches of 1, 3 and 512 records, twice, gives byte-identical
 * segments, manifests and rejects.csv (spill id and clock fixed).
 */
class ReadAheadDeterminismTest {
  @TempDir
  Path tmp;

  @Test
  void segmentsAreByteIdenticalOnOneThreadOrTwoAndAcrossRuns() throws Exception {
    Random random = new Random(11);
    int people = 6_000;
    int teams = 300;
    StringBuilder persons = new StringBuilder("name,team,boss,age\n");
    for (int i = 0; i < people; i++) {
      int p = (i * 7919) % people; // every person once, in a scrambled order: bosses forward and back
      // bosses form a tree rooted at p0, its own boss; some leaves (nobody's boss) name a boss never read
      String boss = p >= people / 2 && random.nextInt(50) == 0 ? "nobody-" + p : "p" + p / 2;
      persons.append("p").append(p).append(",t").append(random.nextInt(teams)).append(',').append(boss)
          .append(',').append(p >= people / 2 && random.nextInt(100) == 0 ? "old" : String.valueOf(20 + p % 40)).append('\n'); // "old": rejected as read
      if (random.nextInt(400) == 0) {
        persons.append("malformed,").append(i).append(",x,40,y\n"); // one field too many
      }
    }
    StringBuilder teamRows = new StringBuilder("name,lead\n");
    for (int t = teams - 1; t >= 0; t--) {
      teamRows.append("t").append(t).append(",p").append(random.nextInt(people / 2)).append('\n'); // never dropped
    }
    SpillTesting.write(tmp, "in/persons.csv", persons.toString());
    SpillTesting.write(tmp, "in/teams.csv", teamRows.toString());
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          team: {columns: {id: bigint, name: text, lead_id: bigint}, id: id, key: [name]}
          person: {columns: {id: bigint, name: text, team_id: bigint, boss_id: bigint, age: integer}, id: id, key: [name]}
        sources:
          - file: persons.csv
            format: {type: csv, header: true}
            emit:
              - table: person
                values:
                  name: $name
                  team_id: {ref: team, key: [$team], missing: reject}
                  boss_id: {ref: person, key: [$boss], missing: reject}
                  age: $age
          - file: teams.csv
            format: {type: csv, header: true}
            emit:
              - table: team
                values: {name: $name, lead_id: {ref: person, key: [$lead], missing: reject}}
        """);
    SpillResult one = spill(plan, "one-thread", 0);
    assertTrue(one.rejectCount() > 10, "missing bosses and malformed records are rejected: " + one.rejectCount());
    assertTrue(one.manifest().segments().size() >= 4, "several segments: " + one.manifest().segments().size());
    for (SpillResult other : List.of(spill(plan, "batch-1", 1), spill(plan, "batch-3", 3), spill(plan, "batch-512", 512),
        spill(plan, "batch-3-again", 3))) {
      assertEquals(one.manifest(), other.manifest());
      for (SealedSegment s : one.manifest().segments()) {
        assertArrayEquals(Files.readAllBytes(one.directory().root().resolve(s.file())),
            Files.readAllBytes(other.directory().root().resolve(s.file())), s.file() + " in " + other.directory().root());
      }
      assertArrayEquals(Files.readAllBytes(one.directory().rejectsFile()), Files.readAllBytes(other.directory().rejectsFile()),
          "rejects.csv of " + other.directory().root());
    }
  }

  private SpillResult spill(Path plan, String name, int readAheadRecords) {
    SpillServices fixed = new SpillServices(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
        () -> "00000000-0000-4000-8000-000000000012", "test", SpillProgress.NONE, Optional.empty(),
        SegmentWriterFactory.UNCOMPRESSED, message -> {}, () -> System.in);
    return new Spill(SpillOptions.of(plan, tmp.resolve(name)).withReadAheadRecords(readAheadRecords)
        .withMaxSegmentBytes(32 << 10), fixed).run();
  }
}
