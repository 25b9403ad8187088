package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolution pass's working maps have their own heap budget: parking every record (each refs
 * the next, read later) fills them with as many keys as the id map, yet the id map stays on the
 * heap within a budget it alone fits in. Regression: they shared the id maps' budget, so the
 * pending keys took the heap the id map needed to grow and pushed it into its file.
 */
class WorkingMapsBudgetTest {
  @TempDir
  Path tmp;

  @Test
  void parkedKeysDoNotPushTheIdMapOffTheHeap() throws Exception {
    Path plan = SpillTesting.write(tmp, "plan.yaml", """
        version: 1
        tables:
          person: {columns: {id: bigint, name: text, lead_id: bigint}, id: id, key: [name]}
        sources:
          - file: p.csv
            format: {header: true}
            emit: [{table: person, values: {name: $p, lead_id: {ref: person, key: [$lead], missing: reject}}}]
        """);
    int n = 1500; // past the heap tier's first 1024 entries: the id map grows once
    StringBuilder csv = new StringBuilder("p,lead\n");
    for (int i = 0; i < n; i++) {
      csv.append("k").append(i).append(",k").append((i + 1) % n).append('\n');
    }
    Files.writeString(tmp.resolve("p.csv"), csv.toString());
    // the id map's tier: ~60 KB, ~180 KB while it grows; one more map's first tier would not fit
    SpillResult result = new Spill(SpillOptions.of(plan, tmp.resolve("out")).withIdMapHeapBytes(200 << 10),
        SpillServices.defaults("test")).run();
    assertEquals(n, SegmentRows.read(result, "person").size());
    try (Stream<Path> files = Files.list(tmp.resolve("out").resolve("idmap"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("person-")).toList();
      assertTrue(names.stream().anyMatch(f -> f.endsWith(".keys")), "the id map closed on the heap: " + names);
    }
  }
}
