package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding B7: header names in "not in the header" messages are quoted, and white space and invisible
 * characters show, so a header {@code k, v} or one behind a second byte order mark explains itself.
 */
class HeaderNamesTest {
  @TempDir
  Path dir;

  private static final String PLAN = """
      version: 1
      tables: {t: {columns: {k: text, v: text}}}
      sources:
        - file: in.csv
          format: {header: true}
          emit: [{table: t, values: {k: $k, v: $v}}]
      """;

  private List<String> problems(List<String> header) {
    Plan plan = PlanFixtures.parse(dir, PLAN);
    return assertThrows(PlanException.class,
        () -> plan.validateHeader(plan.sources().get(0), dir.resolve("in.csv"), header)).problems();
  }

  @Test
  void aSpaceAfterTheCommaIsShownAndTheSpacedNameSuggested() {
    assertEquals(List.of("sources[0].emit[0].values.v: column 'v' is not in the header of " + dir.resolve("in.csv")
        + " (did you mean ' v'?); the header has 'k', ' v'"), problems(List.of("k", " v")));
  }

  @Test
  void aByteOrderMarkAndControlCharactersAreEscaped() {
    assertEquals(List.of("sources[0].emit[0].values.k: column 'k' is not in the header of " + dir.resolve("in.csv")
        + " (did you mean '\\uFEFFk'?); the header has '\\uFEFFk', 'v\\t', 'a\\\\b', 'nb\\u00A0sp'"),
        problems(List.of("\uFEFFk", "v\t", "a\\b", "nb\u00A0sp")).subList(0, 1));
    assertEquals("'\\u200Bz\\r\\n'", HeaderNames.quoted("\u200Bz\r\n"));
  }

  @Test
  void aTypoStillGetsTheClosestNameAndALongHeaderIsCut() {
    assertEquals(" (did you mean 'val'?)", HeaderNames.didYouMean("vall", List.of("k", "val")));
    assertEquals(" (did you mean 'V'?)", HeaderNames.didYouMean("v", List.of("k", "V")));
    assertEquals("", HeaderNames.didYouMean("v", List.of("alpha", "beta")));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add("c" + i);
    }
    String list = HeaderNames.list(many);
    assertEquals("'c0', 'c1', ", list.substring(0, 12));
    assertEquals("'c29', ... (40 columns)", list.substring(list.length() - 23));
  }
}
