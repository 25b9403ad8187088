package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pgbinary.InvalidValueException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@code when:} condition, compiled and tested as stage one does: NULL (never equal to
 * anything), the empty string, non-ASCII text, and a bad argument reported with its YAML path.
 */
class ConditionsTest {
  private static final String PATH = "sources[0].emit[0].when";

  static Plan plan(String when) {
    return Plan.parse("""
        version: 1
        tables:
          t: {columns: {v: text}}
        sources:
          - file: in.csv
            emit:
              - {table: t, when: %s, values: {v: $1}}
        """.formatted(when), Path.of("plan.yaml"));
  }

  static boolean holds(String when, String... fields) {
    Plan plan = plan(when);
    BoundSource bound = plan.bind(plan.sources().get(0), Path.of("in.csv"), List.of(), Math.max(fields.length, 1));
    return bound.emits().get(0).when().orElseThrow().holds(i -> fields[i], null);
  }

  static List<String> problems(String when) {
    return assertThrows(PlanException.class, () -> plan(when)).problems();
  }

  @Test
  void eqAndNe() {
    assertTrue(holds("{eq: [$1, node]}", "node"));
    assertFalse(holds("{eq: [$1, node]}", "Node"));
    assertFalse(holds("{eq: [$1, $2]}", null, null), "NULL never equals anything, not even NULL");
    assertFalse(holds("{ne: [$1, node]}", (String) null), "ne of NULL is not true either");
    assertTrue(holds("{eq: [$1, \"\"]}", ""));
    assertFalse(holds("{eq: [$1, \"\"]}", (String) null), "empty is not NULL");
    assertTrue(holds("{eq: [$1, Zürich]}", "Zürich"));
    assertTrue(holds("{ne: [$1, Zürich]}", "Zurich"));
    assertTrue(holds("{eq: [{lower: $1}, zürich]}", "ZÜRICH"), "compared after functions");
    assertEquals(List.of(PATH + ".eq: expected a list of two values [x, y], got a list of 1 item(s)"), problems("{eq: [$1]}"));
    assertEquals(List.of(PATH + ".ne: expected a list of two values [x, y], got '$1'"), problems("{ne: $1}"));
  }

  @Test
  void in() {
    assertTrue(holds("{in: [$1, [a, b, ü]]}", "ü"));
    assertFalse(holds("{in: [$1, [a, b]]}", "c"));
    assertFalse(holds("{in: [$1, [a, null]]}", (String) null), "NULL is in nothing");
    assertTrue(holds("{in: [$1, [\"\", a]]}", ""));
    assertEquals(List.of(PATH + ".in[1]: expected a non-empty list of choices, got 'a'"), problems("{in: [$1, a]}"));
  }

  @Test
  void matchesTheWholeValue() {
    assertTrue(holds("{matches: [$1, \"[0-9A-F]{4,6}\"]}", "1F600"));
    assertFalse(holds("{matches: [$1, \"[0-9A-F]{4}\"]}", "1F600"), "a partial match is not a match");
    assertFalse(holds("{matches: [$1, \".*\"]}", (String) null));
    assertTrue(holds("{matches: [$1, \".*\"]}", ""));
    assertTrue(holds("{matches: [$1, \"\\\\p{L}+\"]}", "東京"));
    assertEquals(List.of(PATH + ".matches[1]: invalid regex '(': Unclosed group near index 1"), problems("{matches: [$1, \"(\"]}"));
  }

  @Test
  void isNullAndNotNull() {
    assertTrue(holds("{is_null: $1}", (String) null));
    assertFalse(holds("{is_null: $1}", ""));
    assertTrue(holds("{not_null: $1}", "ß"));
    assertTrue(holds("{not_null: [$1]}", ""));
    assertFalse(holds("{not_null: $1}", (String) null));
    assertEquals(List.of(PATH + ".not_null: expected a value: $column, $N, $_, $#, a constant, a function such as {trim: $x} or"
        + " {ref: table, key: [...]}, got a list"), problems("{not_null: [[$1]]}"));
    assertTrue(holds("{is_null: {extract: [$1, \"x(\\\\d)\"]}}", "abc"));
    assertEquals(List.of(PATH + ".is_null: a ref cannot be used here: function arguments and conditions take text values"),
        problems("{is_null: {ref: t, key: [$1]}}"));
  }

  @Test
  void allAnyNot() {
    assertTrue(holds("{all: [{not_null: $1}, {eq: [$2, ü]}]}", "x", "ü"));
    assertFalse(holds("{all: [{not_null: $1}, {eq: [$2, ü]}]}", null, "ü"));
    assertTrue(holds("{any: [{is_null: $1}, {eq: [$2, \"\"]}]}", null, "x"));
    assertFalse(holds("{any: [{is_null: $1}, {eq: [$2, \"\"]}]}", "a", null));
    assertTrue(holds("{not: {eq: [$1, a]}}", "b"));
    assertTrue(holds("{not: {eq: [$1, a]}}", (String) null), "not of a false NULL comparison is true");
    assertEquals(List.of(PATH + ".all: expected a non-empty list of conditions, got a list"), problems("{all: []}"));
    assertEquals(List.of(PATH + ".any[1].eqq: unknown condition 'eqq' (did you mean 'eq'?); operators: eq, ne, in, matches, is_null, "
        + "not_null, all, any, not"), problems("{any: [{is_null: $1}, {eqq: [$1, a]}]}"));
    assertEquals(List.of(PATH + ".not: expected a condition, a one-key mapping such as {eq: [$kind, node]}; operators: eq, ne, "
        + "in, matches, is_null, not_null, all, any, not; got 'x'"), problems("{not: x}"));
  }

  @Test
  void aFunctionThatRefusesItsInputThrows() {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> holds("{eq: [{parse_int: [$1, 16]}, \"65\"]}", "zz"));
    assertTrue(e.reason().contains("'zz' is not a base-16 integer"), e.reason());
    assertTrue(holds("{eq: [{parse_int: [$1, 16]}, \"65\"]}", "41"));
  }

  @Test
  void elementIsNotAvailableInWhen() {
    assertEquals(List.of(PATH + ": when: is tested once per record, before for_each splits it, so $_ is not available there",
        PATH + ": $_ is the current for_each element, but this emit has no for_each"), problems("{eq: [$_, a]}"));
  }
}
