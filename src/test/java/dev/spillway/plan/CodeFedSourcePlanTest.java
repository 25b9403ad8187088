package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: {@code name:} without {@code file:} makes a source fed from code; each rule reported with its YAML path. */
class CodeFedSourcePlanTest {
  @TempDir
  Path dir;

  private static final String TABLES = """
      version: 1
      tables:
        maintainer: {columns: {id: bigint, name: text}, id: id, key: [name]}
        package: {columns: {id: bigint, name: text, maintainer_id: bigint}, id: id, key: [name]}
      sources:
      """;

  @Test
  void aSourceWithANameAndNoFileIsFedFromCodeAndReadsNamesOrPositions() {
    Plan plan = PlanFixtures.parse(dir, TABLES + """
          - name: packages
            emit:
              - table: package
                values: {name: $name, maintainer_id: {ref: maintainer, key: [$maintainer], missing: create}}
          - name: maintainers
            emit: [{table: maintainer, values: {name: $1}}]
          - name: labelled_file
            file: m.csv
            emit: [{table: maintainer, values: {name: $1}}]
        """);
    SourceSpec packages = plan.sources().get(0);
    assertTrue(packages.fedFromCode());
    assertEquals("packages", packages.name());
    assertEquals(List.of("name", "maintainer"), packages.fieldNames());
    assertEquals(0, packages.highestPosition());
    assertTrue(plan.sources().get(1).fedFromCode());
    assertEquals(1, plan.sources().get(1).highestPosition());
    assertFalse(plan.sources().get(2).fedFromCode(), "a named source with a file reads the file");
    assertEquals(List.of("m.csv"), plan.sources().get(2).filePatterns());
  }

  @Test
  void aSourceFedFromCodeTakesNoFormat() {
    assertEquals(List.of("sources[0].format: a source fed from code (name: without file:) takes no format: its records are "
        + "maps (read with $name) or lists (read with $1, $2, ...)"), PlanFixtures.problems(dir, TABLES + """
          - name: m
            format: {type: csv}
            emit: [{table: maintainer, values: {name: $1}}]
        """));
  }

  @Test
  void namesAreUnique() {
    assertEquals(List.of("sources[1].name: source name 'm' is used by an earlier source; names must be unique"),
        PlanFixtures.problems(dir, TABLES + """
          - name: m
            emit: [{table: maintainer, values: {name: $1}}]
          - name: m
            emit: [{table: maintainer, values: {name: $1}}]
        """));
  }

  @Test
  void aSourceFedFromCodeReadsByNameOrByPositionNotBoth() {
    List<String> problems = PlanFixtures.problems(dir, TABLES + """
          - name: m
            emit: [{table: package, values: {name: $name, maintainer_id: {ref: maintainer, key: [$2]}}}]
        """);
    assertEquals(List.of("sources[0].emit: a source fed from code reads its fields by name (map records) or by position "
        + "(list records), not both: it reads [name] and $2"), problems);
  }

  @Test
  void aSourceWithNeitherNameNorFileNeedsAFile() {
    assertEquals(List.of("sources[0].file: required field is missing"), PlanFixtures.problems(dir, TABLES + """
          - emit: [{table: maintainer, values: {name: $1}}]
        """));
  }

  @Test
  void aNameIsNonEmptyWithoutSurroundingSpace() {
    assertEquals(List.of("sources[0].name: expected a non-empty name without leading or trailing white space, got ' m'",
        "sources[0].file: required field is missing"), PlanFixtures.problems(dir, TABLES + """
          - name: " m"
            emit: [{table: maintainer, values: {name: $1}}]
        """));
  }
}
