package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the public API only: the same records handed in from code (as strings, maps or lists)
 * and read from CSV files give the same segments, byte for byte after the header chunk (which
 * holds the spill id), and the same counters. The corpus has forward refs (records parked and
 * decided at the end), self refs, a cycle of refs between two tables, missing: create, for_each,
 * duplicates under on_duplicate: first, values a column type refuses (rejects), NULL versus empty
 * strings and awkward text.
 */
class CodeRecordsEquivalenceTest {
  @TempDir
  Path tmp;

  private static final String TABLES = """
      version: 1
      schema: eq
      tables:
        team:
          columns: {id: bigint, name: text, captain_id: bigint, founded: integer}
          id: id
          key: [name]
          on_duplicate: first
        person:
          columns: {id: bigint, name: text, team_id: bigint, mentor_id: bigint, born: date, score: "numeric(8,2)"}
          id: id
          key: [name]
          on_duplicate: first
        skill:
          columns: {person_id: bigint, skill: text}
          key: [person_id, skill]
        note:
          columns: {n: bigint, body: text, weight: double precision}
          key: [n]
      """;

  private static final String PEOPLE_EMITS = """
          - table: person
            values:
              name: $name
              team_id: {ref: team, key: [$team], missing: create}
              mentor_id: {ref: person, key: [$mentor], missing: null}
              born: $born
              score: $score
          - table: skill
            for_each: {value: $skills, separator: ";"}
            values: {person_id: {ref: person, key: [$name]}, skill: $_}
      """;
  private static final String TEAM_EMITS = """
          - table: team
            values: {name: $name, captain_id: {ref: person, key: [$captain], missing: null}, founded: $founded}
      """;
  private static final String NOTE_EMITS = """
          - table: note
            values: {n: $1, body: $2, weight: $3}
      """;

  @Test
  void recordsFromCodeGiveTheSegmentsOfTheSameRecordsFromCsv() throws IOException {
    Random random = new Random(13);
    List<Map<String, String>> people = new ArrayList<>();
    List<Map<String, String>> teams = new ArrayList<>();
    List<List<String>> notes = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String name = "p" + random.nextInt(2_500);
      Map<String, String> p = new LinkedHashMap<>();
      p.put("name", name);
      p.put("team", random.nextInt(20) == 0 ? null : "t" + random.nextInt(60));
      p.put("mentor", random.nextInt(3) == 0 ? null : random.nextInt(10) == 0 ? name : "p" + random.nextInt(2_500)); // forward, self
      p.put("born", random.nextInt(50) == 0 ? "1999-02-30" : (1950 + random.nextInt(60)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9));
      p.put("score", random.nextInt(40) == 0 ? "1e9" : random.nextInt(100_000) / 100.0 + "");
      p.put("skills", random.nextInt(5) == 0 ? "" : "s" + random.nextInt(9) + ";s" + random.nextInt(9) + (random.nextInt(7) == 0 ? ";" : ""));
      people.add(p);
    }
    for (int i = 0; i < 80; i++) {
      Map<String, String> t = new LinkedHashMap<>();
      t.put("name", "t" + random.nextInt(70));
      t.put("captain", "p" + random.nextInt(2_600)); // a cycle: team -> person -> team
      t.put("founded", random.nextInt(30) == 0 ? "12x" : Integer.toString(1900 + random.nextInt(120)));
      teams.add(t);
    }
    String[] awkward = {"", "a,b", "say \"hi\"", "two\nlines", "ünïcödé ✓", " padded ", "\\N", "NULL"};
    for (int i = 0; i < 500; i++) {
      notes.add(Arrays.asList(Integer.toString(random.nextInt(450)), random.nextInt(9) == 0 ? null : awkward[random.nextInt(awkward.length)],
          random.nextInt(10) == 0 ? null : Double.toString(random.nextGaussian() * 1e6)));
    }
    Files.writeString(tmp.resolve("people.csv"), csv(List.of("name", "team", "mentor", "born", "score", "skills"), people));
    Files.writeString(tmp.resolve("teams.csv"), csv(List.of("name", "captain", "founded"), teams));
    Files.writeString(tmp.resolve("notes.csv"), csvRows(notes));
    Path csvPlan = Files.writeString(tmp.resolve("csv-plan.yaml"), TABLES + "sources:\n"
        + "  - file: people.csv\n    format: {type: csv, header: true}\n    emit:\n" + PEOPLE_EMITS
        + "  - file: teams.csv\n    format: {type: csv, header: true}\n    emit:\n" + TEAM_EMITS
        + "  - file: notes.csv\n    format: {type: csv}\n    emit:\n" + NOTE_EMITS);
    Path codePlan = Files.writeString(tmp.resolve("code-plan.yaml"), TABLES + "sources:\n"
        + "  - name: people\n    emit:\n" + PEOPLE_EMITS
        + "  - name: teams\n    emit:\n" + TEAM_EMITS
        + "  - name: notes\n    emit:\n" + NOTE_EMITS);

    SpillResult fromCsv = spillFilesOnly(csvPlan, tmp.resolve("csv"));
    SpillResult fromCode;
    SpillSettings small = SpillSettings.defaults().maxSegmentBytes(16 << 10);
    try (SpillWriter w = Spillway.spill(Plan.load(codePlan), tmp.resolve("code"), small)) {
      people.forEach(p -> w.record("people", p));
      teams.forEach(t -> w.record("teams", t));
      notes.forEach(n -> w.record("notes", n));
      fromCode = w.finish();
    }

    assertTrue(fromCsv.rejectCount() > 10, "the corpus has rejects: " + fromCsv.rejectCount());
    assertEquals(fromCsv.rejectCount(), fromCode.rejectCount());
    assertEquals(fromCsv.tables(), fromCode.tables());
    assertEquals(List.copyOf(fromCsv.sources().values()), List.copyOf(fromCode.sources().values()));
    assertEquals(List.of("people", "teams", "notes"), List.copyOf(fromCode.sources().keySet()));
    List<Path> csvSegments = segments(fromCsv.directory());
    List<Path> codeSegments = segments(fromCode.directory());
    assertTrue(csvSegments.size() >= 6, "several segments: " + csvSegments);
    assertEquals(names(csvSegments), names(codeSegments));
    for (int i = 0; i < csvSegments.size(); i++) {
      assertArrayEquals(tuples(csvSegments.get(i)), tuples(codeSegments.get(i)), csvSegments.get(i).getFileName().toString());
    }
    assertEquals(rejectReasons(fromCsv.directory()), rejectReasons(fromCode.directory()));
  }

  /** A CSV plan through the library: it has no source fed from code, so the writer only reads and finishes. */
  private static SpillResult spillFilesOnly(Path plan, Path out) {
    try (SpillWriter w = Spillway.spill(Plan.load(plan), out, SpillSettings.defaults().maxSegmentBytes(16 << 10))) {
      return w.finish();
    }
  }

  private static String csv(List<String> header, List<Map<String, String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    rows.forEach(r -> all.add(header.stream().map(r::get).toList()));
    return csvRows(all);
  }

  /** PostgreSQL CSV: NULL is an empty unquoted field; every non-null value is quoted. */
  private static String csvRows(List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String v = row.get(i);
        out.append(i == 0 ? "" : ",").append(v == null ? "" : "\"" + v.replace("\"", "\"\"") + "\"");
      }
      out.append('\n');
    }
    return out.toString();
  }

  static List<Path> segments(Path spill) throws IOException {
    try (Stream<Path> files = Files.walk(spill.resolve("segments"))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).toList();
  }

  /** A segment's tuples and trailer: everything after spillway's header chunk (which names the spill). */
  static byte[] tuples(Path segment) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    int metadataBytes = ByteBuffer.wrap(bytes, 29, 4).getInt();
    return Arrays.copyOfRange(bytes, 33 + metadataBytes, bytes.length);
  }

  /** The table, column, value and reason of each rejects line (file and line differ by design). */
  private static List<String> rejectReasons(Path spill) throws IOException {
    List<String> lines = Files.readAllLines(spill.resolve("rejects.csv"), StandardCharsets.UTF_8);
    return lines.stream().skip(1).map(l -> l.substring(l.indexOf(',', l.indexOf(',') + 1) + 1)).sorted().toList();
  }
}
