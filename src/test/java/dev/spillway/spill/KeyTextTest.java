package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys in reasons can be read back: parts quoted, NULL and the empty string told apart. */
class KeyTextTest {
  @TempDir
  Path tmp;

  @Test
  void partsAreQuotedAsSqlLiterals() {
    assertEquals("'a,b', 'c'", KeyText.quoted(List.of("a,b", "c")));
    assertEquals("'a', 'b,c'", KeyText.quoted(List.of("a", "b,c")));
    assertEquals("'', NULL", KeyText.quoted(Arrays.asList("", null)));
    assertEquals("'it''s', 'É'", KeyText.quoted(List.of("it's", "É")));
  }

  /** The finding's ambiguous pair: {@code k[a,b, c]} and {@code k[a, b,c]}; and an empty part. */
  @Test
  void rejectsShowCompositeKeysUnambiguously() throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          k: {columns: {id: bigint, a: text, b: text}, id: id, key: [a, b], on_duplicate: reject}
          r: {columns: {k_id: bigint}}
        sources:
          - file: k.csv
            format: {header: true}
            emit: [{table: k, values: {a: $a, b: $b}}]
          - file: r.csv
            format: {header: true}
            emit: [{table: r, values: {k_id: {ref: k, key: [$a, $b]}}}]
        """);
    SpillTesting.write(tmp, "in/k.csv", "a,b\n\"a,b\",c\n\"a,b\",c\n\"\",x\n");
    SpillTesting.write(tmp, "in/r.csv", "a,b\na,\"b,c\"\n\"\",y\n");
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    assertEquals(List.of("k.csv|3|'a,b', 'c'|duplicate key k['a,b', 'c']",
        "r.csv|2|'a', 'b,c'|missing ref k['a', 'b,c']", "r.csv|3|'', 'y'|missing ref k['', 'y']"),
        SpillTesting.rejects(result).stream().map(r -> r.get("source_file") + "|" + r.get("line") + "|" + r.get("raw_value")
            + "|" + r.get("reason")).toList());
  }
}
