package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17's plan keys are validated like every other: each problem with its YAML path, all in one run. */
class PlanLanguageValidationTest {
  @TempDir
  Path dir;

  private List<String> problems(String yaml) {
    return PlanFixtures.problems(dir, yaml);
  }

  @Test
  void formatRules() {
    assertEquals(List.of(
        "sources[0].format.comment: expected the text that starts a comment line, e.g. \"#\", got null",
        "sources[0].format.skip_lines: expected a whole number of lines >= 0, got '-1'",
        "sources[0].format.missing_fields: expected one of reject, null, got 'pad'",
        "sources[0].format.extra_fields: expected one of reject, ignore, got 'drop'"),
        problems("""
            version: 1
            tables:
              t: {columns: {a: text}}
            sources:
              - file: a.csv
                format: {comment: ~, skip_lines: -1, missing_fields: pad, extra_fields: drop}
                emit: [{table: t, values: {a: $1}}]
            """));
  }

  @Test
  void tableRules() {
    assertEquals(List.of(
        "tables.t.not_null[0]: unknown column 'zzz'; table 't' has id, a, r",
        "tables.t.not_null[1]: column 'id' is the id column, which spillway always fills",
        "tables.t.defaults.id: column 'id' is the id column, which spillway always fills",
        "tables.t.defaults.a: expected a constant default (used when the emitted value is NULL), got null",
        "sources[0].emit[1].values.r: column 'r' of table 't' has a default but receives a ref; defaults apply to text values"
            + " (use missing: null, skip or create for a missing ref)"),
        problems("""
            version: 1
            tables:
              u: {columns: {id: bigint, k: text}, id: id, key: [k]}
              t:
                columns: {id: bigint, a: text, r: bigint}
                id: id
                not_null: [zzz, id]
                defaults: {id: 1, a: ~, r: 7}
            sources:
              - file: a.csv
                emit:
                  - {table: u, values: {k: $1}}
                  - {table: t, values: {a: $1, r: {ref: u, key: [$1]}}}
            """));
  }

  @Test
  void aNotNullColumnNeedsAValueOrADefault() {
    assertEquals(List.of(
        "sources[0].emit[0].values: column 'b' of table 't' is not_null, but this emit gives it no value and it has no default",
        "sources[0].emit[1].values.b: column 'b' of table 't' is not_null, but this emit gives it no value and it has no default"),
        problems("""
            version: 1
            tables:
              t: {columns: {a: text, b: text, c: text}, not_null: [b, c], defaults: {c: x}}
            sources:
              - file: a.csv
                emit:
                  - {table: t, values: {a: $1}}
                  - {table: t, values: {a: $1, b: null}}
            """));
  }

  @Test
  void whenAndFunctionsInEveryPlace() {
    assertEquals(List.of(
        "sources[0].emit[0].for_each.value.split_part[2]: field position must be a non-zero whole number (1 is the first, -1 the"
            + " last), got 'x'",
        "sources[0].emit[0].when.eq[1].lowr: unknown function 'lowr' (did you mean 'lower'?); functions: trim, lower, upper, concat,"
            + " coalesce, nullif, replace, extract, split_part, parse_int, to_date, to_timestamp (or {ref: table, key: [...]})",
        "sources[0].emit[0].values.a.key[0].parse_int[1]: radix must be a whole number from 2 to 36, got '1'",
        "sources[0].emit[1].values.k.trim[0]: $kind names a header column, but format.header is false; use a position such as $1 or"
            + " set header: true"),
        problems("""
            version: 1
            tables:
              u: {columns: {id: bigint, k: text}, id: id, key: [k]}
              t: {columns: {a: bigint, b: text}}
            sources:
              - file: a.csv
                emit:
                  - table: t
                    when: {eq: [$1, {lowr: $2}]}
                    for_each: {value: {split_part: [$3, ",", x]}}
                    values: {a: {ref: u, key: [{parse_int: [$_, 1]}]}, b: $#}
                  - {table: u, values: {k: {trim: $kind}}}
            """));
  }

  @Test
  void positionOutsideForEachIsAllowedAsNull() {
    Plan plan = Plan.parse("""
        version: 1
        tables:
          t: {columns: {a: text, b: text}}
        sources:
          - file: a.csv
            emit: [{table: t, values: {a: $1, b: $#}}]
        """, dir.resolve("plan.yaml"));
    BoundSource bound = plan.bind(plan.sources().get(0), dir.resolve("a.csv"), List.of(), 1);
    assertEquals(BoundValue.Constant.NULL, bound.emits().get(0).column(1));
  }
}
