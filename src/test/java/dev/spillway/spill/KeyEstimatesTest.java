package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression: every keyed table fed by a file got one key per 64 input bytes with a floor of
 * 65,536, so small dimensions were sized like their fact tables (10 MB of map for 2,248 Debian
 * maintainers). Parents now share their source's estimate; leaves and single-table sources keep it.
 */
class KeyEstimatesTest {
  private static final Path PLAN_FILE = Path.of("/plans/plan.yaml");

  private static KeyEstimates estimates(String yaml, long... fileBytes) {
    Plan plan = Plan.parse(yaml, PLAN_FILE);
    List<SourceFile> files = new java.util.ArrayList<>();
    for (int i = 0; i < fileBytes.length; i++) {
      files.add(new SourceFile(plan.sources().get(i), Path.of("/plans/f" + i + ".csv"), "f" + i + ".csv", fileBytes[i]));
    }
    return KeyEstimates.fromInput(plan, files);
  }

  @Test
  void theTenMillionRowBenchShapeIsCappedAtTheLargestStartingSize() {
    KeyEstimates e = estimates("""
        version: 1
        tables:
          app_user: {columns: {id: bigint, name: text, country: text}, id: id, key: [name]}
          event: {columns: {id: bigint, user_id: bigint, amount: integer}, id: id}
        sources:
          - file: events.csv
            format: {type: csv, header: true}
            emit:
              - {table: app_user, values: {name: $user, country: $country}}
              - {table: event, values: {user_id: {ref: app_user, key: [$user]}, amount: $amount}}
        """, 350_000_000L);
    assertEquals(KeyEstimates.MAX_KEYS, e.keys("app_user"),
        "issue 11: input bytes count rows, not distinct keys; an oversized map thrashes, so maps grow from the cap");
  }

  @Test
  void parentsShareTheirSourceAndLeavesKeepIt() {
    KeyEstimates e = estimates("""
        version: 1
        tables:
          maintainer: {columns: {id: bigint, name: text}, id: id, key: [name]}
          package: {columns: {id: bigint, name: text, maintainer_id: bigint}, id: id, key: [name]}
          package_tag: {columns: {package_id: bigint, tag: text}, key: [package_id, tag]}
          origin: {columns: {id: bigint, name: text}, id: id, key: [name]}
          note: {columns: {origin_id: bigint}}
        sources:
          - file: packages.csv
            format: {type: csv, header: true}
            emit:
              - {table: maintainer, values: {name: $maintainer}}
              - {table: package, values: {name: $package, maintainer_id: {ref: maintainer, key: [$maintainer]}}}
              - {table: package_tag, for_each: {value: $tags}, values: {package_id: {ref: package, key: [$package]}, tag: $_}}
          - file: notes.csv
            format: {type: csv, header: true}
            emit:
              - {table: note, values: {origin_id: {ref: origin, key: [$origin], missing: create}}}
        """, 15_000_000L, 1_000_000L);
    long share = 15_000_000L / 64;
    assertTrue(share < KeyEstimates.MAX_KEYS, "below the cap: " + share);
    assertEquals(share / 3, e.keys("maintainer"), "a parent: one of three keyed tables");
    assertEquals(share / 3, e.keys("package"), "a parent of package_tag");
    assertEquals(share, e.keys("package_tag"), "the leaf keeps the whole share");
    assertEquals(1_000_000L / 64, e.keys("origin"), "created rows: the only keyed table of its source");
  }

  @Test
  void smallInputsStartAtTheSmallestMapNotAt65536() {
    KeyEstimates e = estimates("""
        version: 1
        tables:
          maintainer: {columns: {id: bigint, name: text}, id: id, key: [name]}
        sources:
          - file: m.csv
            format: {type: csv, header: true}
            emit: [{table: maintainer, values: {name: $name}}]
        """, 100_000L);
    assertEquals(KeyEstimates.MIN_KEYS, e.keys("maintainer"));
    assertEquals(4_096, KeyEstimates.MIN_KEYS);
    assertEquals(KeyEstimates.MIN_KEYS, e.keys("unknown"), "a table no file feeds");
    assertEquals(KeyEstimates.MAX_KEYS, estimates("""
        version: 1
        tables:
          m: {columns: {id: bigint, name: text}, id: id, key: [name]}
        sources:
          - file: m.csv
            emit: [{table: m, values: {name: $1}}]
        """, 1L << 40).keys("m"));
  }
}
