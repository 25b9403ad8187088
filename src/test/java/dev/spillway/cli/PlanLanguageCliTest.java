package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spillway spill} with mistakes in issue 17's keys: exit 2, every problem on stderr with its
 * YAML path (an invalid regex, an unknown function, a bad radix, a default its column's type
 * refuses), nothing read and no output directory made.
 */
class PlanLanguageCliTest {
  @TempDir
  Path tmp;

  @Test
  void everyProblemIsReportedBeforeAnyDataIsRead() throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, """
        version: 1
        tables:
          t: {columns: {a: text, n: integer}, defaults: {n: many}}
        sources:
          - file: in.csv
            format: {comment: "#", missing_fields: null}
            emit:
              - table: t
                when: {matches: [$1, "[a-"]}
                values: {a: {uper: $1}, n: {parse_int: [$2, 99]}}
        """, StandardCharsets.UTF_8);
    Files.writeString(tmp.resolve("in.csv"), "x,1\n", StandardCharsets.UTF_8);

    CliRun run = CliRun.of("spill", "--plan", plan.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("sources[0].emit[0].when.matches[1]: invalid regex '[a-'"), run.err());
    assertTrue(run.err().contains("sources[0].emit[0].values.a.uper: unknown function 'uper' (did you mean 'upper'?)"), run.err());
    assertTrue(run.err().contains("sources[0].emit[0].values.n.parse_int[1]: radix must be a whole number from 2 to 36, got '99'"),
        run.err());
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");

    Files.writeString(plan, Files.readString(plan).replace("\"[a-\"", "\"[a-z]+\"").replace("uper", "upper").replace(", 99]", ", 16]"));
    run = CliRun.of("spill", "--plan", plan.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("tables.t.defaults.n: constant 'many' is not a valid integer"), run.err());
    assertFalse(Files.exists(tmp.resolve("out")), "checked before --out is touched");
  }
}
