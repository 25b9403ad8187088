package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's for_each rule for a text value (finding C): split at every separator, literal; each
 * element trimmed; empty ones dropped; quotes mean nothing; repeats kept; NULL has no elements.
 */
class ForEachSplittingTest {
  private static List<String> split(String text, String separator) {
    return new ForEach(new ValueExpr.Constant("x"), separator).elements(text);
  }

  @Test
  void theReadmeExamplesSplitAsDocumented() {
    assertEquals(List.of("a", "b"), split("a, ,b,", ","));
    assertEquals(List.of("a", "\"b", "c\""), split("a,\"b,c\"", ","));
    assertEquals(List.of("x", "x", "y"), split(" x ,x,\u2003y\t", ","), "repeats kept, Unicode white space trimmed");
    assertEquals(List.of("a", "b|c"), split("a||b|c", "||"), "a separator is literal text");
    assertEquals(List.of(), split(null, ","));
    assertEquals(List.of(), split(" , ,", ","));
  }
}
