package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pgbinary.InvalidValueException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every plan function, compiled and evaluated as stage one does (parse, bind to a headerless file,
 * call the bound value per record): NULL in, empty string, non-ASCII text, and a bad argument
 * reported as a plan problem with its YAML path before any data is read.
 */
class ValueFunctionsTest {
  private static final String PATH = "sources[0].emit[0].values.v";

  static Plan plan(String expr) {
    return Plan.parse("""
        version: 1
        tables:
          t: {columns: {v: text}}
        sources:
          - file: in.csv
            emit:
              - {table: t, values: {v: %s}}
        """.formatted(expr), Path.of("plan.yaml"));
  }

  /** The expression's value for a record of {@code fields} (null = NULL). */
  static String eval(String expr, String... fields) {
    Plan plan = plan(expr);
    BoundSource bound = plan.bind(plan.sources().get(0), Path.of("in.csv"), List.of(), Math.max(fields.length, 1));
    BoundValue.Text value = (BoundValue.Text) bound.emits().get(0).column(0);
    return value.text(i -> fields[i], null);
  }

  static List<String> problems(String expr) {
    return assertThrows(PlanException.class, () -> plan(expr)).problems();
  }

  @Test
  void trim() {
    assertNull(eval("{trim: $1}", (String) null));
    assertEquals("", eval("{trim: $1}", "   "));
    assertEquals("", eval("{trim: $1}", ""));
    assertEquals("Zürich 東京", eval("{trim: $1}", " \tZürich 東京\u2003"));
    assertEquals(List.of(PATH + ".trim: trim takes 1 argument, got 2"), problems("{trim: [$1, $2]}"));
  }

  @Test
  void lowerAndUpper() {
    assertNull(eval("{lower: $1}", (String) null));
    assertNull(eval("{upper: $1}", (String) null));
    assertEquals("", eval("{upper: $1}", ""));
    assertEquals("", eval("{lower: $1}", ""));
    assertEquals("çà ÉÖ".toLowerCase(java.util.Locale.ROOT), eval("{lower: $1}", "ÇÀ ÉÖ"));
    assertEquals("STRASSE ÇA", eval("{upper: $1}", "straße ça"));
    assertEquals(List.of(PATH + ".lower: lower takes 1 argument, got 0"), problems("{lower: []}"));
    assertEquals(List.of(PATH + ".upper: upper takes 1 argument, got 3"), problems("{upper: [a, b, c]}"));
  }

  @Test
  void concatSkipsNulls() {
    assertEquals("a-c", eval("{concat: [$1, \"-\", $2, $3]}", "a", null, "c"));
    assertEquals("", eval("{concat: [$1, $2]}", null, null), "all NULL: empty, as Postgres's concat");
    assertEquals("", eval("{concat: [$1, $2]}", "", ""));
    assertEquals("π≈3.14", eval("{concat: [$1, \"≈\", $2]}", "π", "3.14"));
    assertEquals(List.of(PATH + ".concat: concat takes at least 1 argument, got 0"), problems("{concat: []}"));
  }

  @Test
  void coalesceTakesTheFirstNonNull() {
    assertEquals("b", eval("{coalesce: [$1, $2, z]}", null, "b"));
    assertEquals("z", eval("{coalesce: [$1, $2, z]}", null, null));
    assertNull(eval("{coalesce: [$1, $2]}", null, null));
    assertEquals("", eval("{coalesce: [$1, z]}", ""), "the empty string is not NULL");
    assertEquals("ü", eval("{coalesce: [$1, z]}", "ü"));
    assertEquals(List.of(PATH + ".coalesce[0]: a ref cannot be used here: function arguments and conditions take text values"),
        problems("{coalesce: [{ref: t, key: [$1]}]}"));
  }

  @Test
  void nullif() {
    assertNull(eval("{nullif: [$1, \"-\"]}", "-"));
    assertEquals("x", eval("{nullif: [$1, \"-\"]}", "x"));
    assertNull(eval("{nullif: [$1, \"-\"]}", (String) null));
    assertNull(eval("{nullif: [$1, \"\"]}", ""));
    assertEquals("é", eval("{nullif: [$1, e]}", "é"), "no accent folding");
    assertEquals(List.of(PATH + ".nullif: nullif takes 2 arguments, got 1"), problems("{nullif: $1}"));
  }

  @Test
  void replaceWithGroups() {
    assertEquals("2024/05/01", eval("{replace: [$1, \"(\\\\d+)-\", \"$1/\"]}", "2024-05-01"));
    assertNull(eval("{replace: [$1, a, b]}", (String) null));
    assertEquals("", eval("{replace: [$1, a, b]}", ""));
    assertEquals("Mxnchen", eval("{replace: [$1, \"ü\", x]}", "München"));
    assertEquals(List.of(PATH + ".replace[1]: invalid regex '(a': Unclosed group near index 2"), problems("{replace: [$1, \"(a\", b]}"));
    assertEquals(List.of(PATH + ".replace[2]: replacement '$2' refers to group $2, but the regex has 1 group(s)"),
        problems("{replace: [$1, \"(a)\", \"$2\"]}"));
    assertEquals("b-a", eval("{replace: [$1, \"(?<x>a)(?<y>b)\", \"${y}-${x}\"]}", "ab"));
    assertEquals(List.of(PATH + ".replace[2]: replacement '${z}' refers to group ${z}, which the regex does not name"),
        problems("{replace: [$1, \"(?<x>a)\", \"${z}\"]}"));
  }

  @Test
  void extractFirstGroupOrWholeMatch() {
    assertEquals("12", eval("{extract: [$1, \"v(\\\\d+)\"]}", "v12.3"));
    assertEquals("v12", eval("{extract: [$1, \"v\\\\d+\"]}", "v12.3"));
    assertNull(eval("{extract: [$1, \"v\\\\d+\"]}", "none"), "no match: NULL");
    assertNull(eval("{extract: [$1, x]}", (String) null));
    assertEquals("", eval("{extract: [$1, \"^(a*)\"]}", ""));
    assertEquals("東京", eval("{extract: [$1, \"/(.+)$\"]}", "Asia/東京"));
    assertEquals(List.of(PATH + ".extract[1]: invalid regex '[': Unclosed character class near index 0"),
        problems("{extract: [$1, \"[\"]}"));
  }

  @Test
  void splitPartAsPostgres() {
    assertEquals("b", eval("{split_part: [$1, \",\", 2]}", "a,b,c"));
    assertEquals("", eval("{split_part: [$1, \",\", 4]}", "a,b,c"), "fewer fields: empty");
    assertEquals("c", eval("{split_part: [$1, \",\", -1]}", "a,b,c"));
    assertEquals("a", eval("{split_part: [$1, \",\", -3]}", "a,b,c"));
    assertEquals("", eval("{split_part: [$1, \",\", -4]}", "a,b,c"));
    assertEquals("", eval("{split_part: [$1, \",\", 1]}", ""));
    assertNull(eval("{split_part: [$1, \",\", 1]}", (String) null));
    assertEquals("Zürich", eval("{split_part: [$1, \"→\", 2]}", "Europe→Zürich"));
    assertEquals(List.of(PATH + ".split_part[2]: field position must be a non-zero whole number (1 is the first, -1 the last), got '0'"),
        problems("{split_part: [$1, \",\", 0]}"));
  }

  @Test
  void parseIntInARadix() {
    assertEquals("65", eval("{parse_int: [$1, 16]}", "0041"));
    assertEquals("128512", eval("{parse_int: [$1, 16]}", "1F600"));
    assertEquals("-7", eval("{parse_int: $1}", " -7 "));
    assertNull(eval("{parse_int: [$1, 16]}", (String) null));
    InvalidValueException empty = assertThrows(InvalidValueException.class, () -> eval("{parse_int: [$1, 16]}", ""));
    assertTrue(empty.reason().contains("'' is not a base-16 integer"), empty.reason());
    InvalidValueException bad = assertThrows(InvalidValueException.class, () -> eval("{parse_int: [$1, 16]}", "１２"));
    assertTrue(bad.reason().contains("'１２' is not a base-16 integer"), bad.reason());
    assertEquals(List.of(PATH + ".parse_int[1]: radix must be a whole number from 2 to 36, got '37'"), problems("{parse_int: [$1, 37]}"));
  }

  @Test
  void toDateStrictly() {
    assertEquals("2024-02-29", eval("{to_date: [$1, \"dd/MM/yyyy\"]}", "29/02/2024"));
    assertEquals("0044-03-15 BC", eval("{to_date: [$1, \"dd/MM/yyyy G\"]}", "15/03/0044 BC"));
    assertNull(eval("{to_date: [$1, \"dd/MM/yyyy\"]}", (String) null));
    InvalidValueException feb30 = assertThrows(InvalidValueException.class, () -> eval("{to_date: [$1, \"dd/MM/yyyy\"]}", "30/02/2024"));
    assertTrue(feb30.reason().startsWith("to_date: '30/02/2024' does not match pattern 'dd/MM/yyyy'"), feb30.reason());
    assertThrows(InvalidValueException.class, () -> eval("{to_date: [$1, \"dd/MM/yyyy\"]}", ""));
    assertThrows(InvalidValueException.class, () -> eval("{to_date: [$1, \"dd/MM/yyyy\"]}", "２９/02/2024"));
    List<String> problems = problems("{to_date: [$1, \"dd/qq/yyyyy{\"]}");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(PATH + ".to_date[1]: invalid date/time pattern 'dd/qq/yyyyy{'"), problems.get(0));
  }

  @Test
  void toTimestamp() {
    assertEquals("2024-05-01 13:05:09", eval("{to_timestamp: [$1, \"dd.MM.yyyy HH:mm:ss\"]}", "01.05.2024 13:05:09"));
    assertEquals("2024-05-01 00:00:00", eval("{to_timestamp: [$1, \"dd.MM.yyyy\"]}", "01.05.2024"));
    assertEquals("2024-05-01 13:05 +02:00", eval("{to_timestamp: [$1, \"yyyy-MM-dd HH:mm XXX\"]}", "2024-05-01 13:05 +02:00"));
    assertNull(eval("{to_timestamp: [$1, \"dd.MM.yyyy\"]}", (String) null));
    assertThrows(InvalidValueException.class, () -> eval("{to_timestamp: [$1, \"dd.MM.yyyy\"]}", ""));
    assertThrows(InvalidValueException.class, () -> eval("{to_timestamp: [$1, \"dd.MM.yyyy\"]}", "01.05.２０２４"));
    assertEquals(1, problems("{to_timestamp: [$1, \"HH:mm:ss.ZZZZZZZZ\"]}").size());
  }

  @Test
  void functionsNest() {
    assertEquals("europe", eval("{lower: {split_part: [{trim: $1}, /, 1]}}", "  Europe/Zürich "));
    assertEquals("U+1F600", eval("{concat: [\"U+\", {upper: {nullif: [$1, \"\"]}}]}", "1f600"));
  }

  @Test
  void unknownFunctionsAndLiteralArguments() {
    assertEquals(List.of(PATH + ".lowr: unknown function 'lowr' (did you mean 'lower'?); functions: trim, lower, upper, concat, "
        + "coalesce, nullif, replace, extract, split_part, parse_int, to_date, to_timestamp (or {ref: table, key: [...]})"),
        problems("{lowr: $1}"));
    assertEquals("$1", eval("{replace: [$1, \"^(.*)$\", \"\\\\$1\"]}", "x"), "an escaped $ in a replacement");
    assertEquals(List.of(PATH + ".extract[1]: expected literal text here, got null"), problems("{extract: [$1, null]}"));
  }

  @Test
  void positionAndDollarEscape() {
    assertEquals("$5", eval("$$5"));
    assertNull(eval("$#"), "$# outside for_each is NULL");
    assertEquals("", eval("{concat: [$#]}"), "concat skips the NULL $#");
  }
}
