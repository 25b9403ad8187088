package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.segment.ManifestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: the manifest's {@code references} came from {@code Map.copyOf}, whose iteration order
 * is salted per JVM, so identical runs wrote differently ordered manifests. They follow the plan.
 */
class ManifestReferencesOrderTest {
  @TempDir
  Path tmp;

  @Test
  void referencesAreWrittenInPlanOrder() throws Exception {
    List<String> parents = List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
    StringBuilder yaml = new StringBuilder("version: 1\ntables:\n");
    StringBuilder columns = new StringBuilder();
    StringBuilder values = new StringBuilder();
    for (String p : parents) {
      yaml.append("  ").append(p).append(": {columns: {id: bigint, name: text}, id: id, key: [name]}\n");
      columns.append(", ").append(p).append("_id: bigint");
      values.append(", ").append(p).append("_id: {ref: ").append(p).append(", key: [$name], missing: create}");
    }
    yaml.append("  child: {columns: {name: text").append(columns).append("}}\n")
        .append("sources:\n  - file: c.csv\n    format: {type: csv, header: true}\n")
        .append("    emit: [{table: child, values: {name: $name").append(values).append("}}]\n");
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", yaml.toString());
    SpillTesting.write(tmp, "in/c.csv", "name\nx\n");

    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));

    List<String> expected = parents.stream().map(p -> p + "_id").toList();
    assertEquals(expected, new ArrayList<>(result.manifest().table("child").orElseThrow().references().keySet()));
    String json = Files.readString(result.directory().manifestFile());
    List<Integer> positions = expected.stream().map(c -> json.indexOf("\"" + c + "\" : \"")).toList();
    assertEquals(positions.stream().sorted().toList(), positions, "on disk too: " + json);
    assertEquals(expected, new ArrayList<>(new ManifestStore(result.directory()).read().table("child").orElseThrow()
        .references().keySet()));
  }
}
