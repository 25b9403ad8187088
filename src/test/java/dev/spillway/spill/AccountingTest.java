package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.RowCounters;
import dev.spillway.segment.SealedSegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input record ends in exactly one bucket per emitted table. Regression: the runtime check of
 * this invariant could not fail (read and bucket were always counted together) and the tests only
 * re-checked the sum. Here every counter is derived from the generated input by the test itself:
 * records x emits, for_each elements one by one (a record without elements: one skipped row),
 * malformed records (one rejected row per emit, one rejects.csv line per record), created rows;
 * the source counts each record once.
 */
class AccountingTest {
  @TempDir
  Path tmp;

  static final String PLAN = """
      version: 1
      tables:
        maintainer: {columns: {id: bigint, name: text}, id: id, key: [name]}
        package: {columns: {id: bigint, name: text, maintainer_id: bigint}, id: id, key: [name]}
        vendor: {columns: {id: bigint, name: text}, id: id, key: [name]}
        tag: {columns: {package_id: bigint, tag: text}, key: [package_id, tag]}
        note: {columns: {id: bigint, package_id: bigint, vendor_id: bigint}, id: id}
      sources:
        - file: p.csv
          format: {type: csv, header: true}
          emit:
            - {table: maintainer, values: {name: $maintainer}}
            - {table: package, values: {name: $name, maintainer_id: {ref: maintainer, key: [$maintainer]}}}
            - {table: tag, for_each: {value: $tags, separator: ";"}, values: {package_id: {ref: package, key: [$name]}, tag: $_}}
            - {table: note, values: {package_id: {ref: package, key: [$name]}, vendor_id: {ref: vendor, key: [$vendor], missing: create}}}
      """;
  static final List<String> EMIT_TABLES = List.of("maintainer", "package", "tag", "note");

  /** One generated well-formed record. */
  record Rec(String name, String maintainer, List<String> tags, String tagsText, String vendor) {}

  @Test
  void everyCounterMatchesCountsDerivedFromTheInput() throws Exception {
    Random random = new Random(20240501);
    List<Rec> records = new ArrayList<>();
    int malformed = 0;
    StringBuilder csv = new StringBuilder("name,maintainer,tags,vendor\n");
    for (int i = 0; i < 600; i++) {
      if (random.nextInt(25) == 0) {
        csv.append("broken,record\n"); // wrong number of fields
        malformed++;
        continue;
      }
      List<String> tags = new ArrayList<>();
      String tagsText = switch (random.nextInt(6)) {
        case 0 -> null;            // NULL: no element
        case 1 -> "\"\"";          // empty: no element
        case 2 -> "\" ; ;\"";      // only separators and blanks: no element
        default -> {
          int n = 1 + random.nextInt(4);
          for (int t = 0; t < n; t++) {
            tags.add("t" + random.nextInt(6)); // repeats within a record are duplicates
          }
          yield String.join(";", tags);
        }
      };
      Rec r = new Rec("p" + random.nextInt(200), "m" + random.nextInt(30), tags, tagsText, "v" + random.nextInt(40));
      records.add(r);
      csv.append(r.name()).append(',').append(r.maintainer()).append(',').append(tagsText == null ? "" : tagsText)
          .append(',').append(r.vendor()).append('\n');
    }
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", PLAN);
    Files.writeString(tmp.resolve("in/p.csv"), csv, StandardCharsets.UTF_8);

    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    Manifest manifest = result.manifest();

    long wellFormed = records.size();
    long all = wellFormed + malformed;
    long maintainers = records.stream().map(Rec::maintainer).distinct().count();
    long packages = records.stream().map(Rec::name).distinct().count();
    long vendors = records.stream().map(Rec::vendor).distinct().count();
    long elements = records.stream().mapToLong(r -> r.tags().size()).sum();
    long withoutElements = records.stream().filter(r -> r.tags().isEmpty()).count();
    Set<List<String>> pairs = new HashSet<>();
    records.forEach(r -> r.tags().forEach(t -> pairs.add(List.of(r.name(), t))));
    assertTrue(malformed > 0 && withoutElements > 0 && elements > pairs.size(), "the corpus covers every case");

    assertEquals(new RowCounters(all, maintainers, wellFormed - maintainers, 0, malformed), counters(manifest, "maintainer"));
    assertEquals(new RowCounters(all, packages, wellFormed - packages, 0, malformed), counters(manifest, "package"));
    assertEquals(new RowCounters(elements + withoutElements + malformed, pairs.size(), elements - pairs.size(),
        withoutElements, malformed), counters(manifest, "tag"));
    assertEquals(new RowCounters(all, wellFormed, 0, 0, malformed), counters(manifest, "note"));
    assertEquals(new RowCounters(vendors, vendors, 0, 0, 0), counters(manifest, "vendor"), "created rows only");
    assertEquals(new RowCounters(all, wellFormed, 0, 0, malformed), manifest.sources().get(0).counters(),
        "the source: each record once, written (its note always is) or rejected (malformed)");

    for (var t : manifest.tables()) {
      long rows = manifest.segmentsOf(t.name()).stream().mapToLong(SealedSegment::rows).sum();
      assertEquals(t.counters().written(), rows, "written rows of " + t.name() + " are in its segments");
    }
    List<CSVRecord> rejects = SpillTesting.rejects(result);
    assertEquals(malformed, rejects.size(), "rejects.csv: one line per rejected record");
    for (String t : EMIT_TABLES) {
      assertEquals(malformed, counters(manifest, t).rejected(), "a malformed record: one rejected row per emit, in " + t);
    }
    assertEquals(List.of(""), rejects.stream().filter(r -> r.get("line").equals(firstBrokenLine(csv)))
        .map(r -> r.get("table")).toList(), "a malformed record of a source with several emits: one line, no table");
    assertEquals(Arrays.asList("broken,record"), rejects.stream().map(r -> r.get("raw_value")).distinct().toList());
  }

  private static String firstBrokenLine(CharSequence csv) {
    String[] lines = csv.toString().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].equals("broken,record")) {
        return String.valueOf(i + 1);
      }
    }
    throw new AssertionError("no broken record");
  }

  private static RowCounters counters(Manifest manifest, String table) {
    return manifest.table(table).orElseThrow().counters();
  }
}
