package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixture: a small plan and its CSV in a directory, and a spill of it made by {@code spillway spill}. */
final class CliFixture {
  static final String PLAN = """
      version: 1
      schema: %s
      tables:
        owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
        item: {columns: {id: bigint, code: text, qty: integer, owner_id: bigint}, id: id, key: [code]}
      sources:
        - file: items.csv
          format: {type: csv, header: true}
          emit:
            - table: owner
              values: {name: $owner}
            - table: item
              values: {code: $code, qty: $qty, owner_id: {ref: owner, key: [$owner]}}
      """;

  private CliFixture() {}

  /** Writes plan.yaml (target schema {@code schema}) and items.csv into {@code dir}; returns the plan. */
  static Path plan(Path dir, String schema) throws IOException {
    Path plan = dir.resolve("plan.yaml");
    Files.writeString(plan, PLAN.formatted(schema));
    Files.writeString(dir.resolve("items.csv"), "code,qty,owner\na,1,ann\nb,2,bob\na,3,ann\nc,4,ann\n");
    return plan;
  }

  /** A complete spill of {@link #plan} in {@code dir}/spill. */
  static Path spill(Path dir, String schema) throws IOException {
    Path plan = plan(dir, schema);
    Path out = dir.resolve("spill");
    CliRun r = CliRun.of("spill", "--plan", plan.toString(), "--out", out.toString(), "-q");
    assertEquals(ExitCode.OK, r.exitCode(), r.toString());
    return out;
  }
}
