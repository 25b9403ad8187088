package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServerErrorDetailsTest {
  @Test
  void readsTheRowFromTheCopyContextLine() {
    assertEquals(OptionalLong.of(17), ServerErrorDetails.copyLine("COPY item, line 17", "item"));
    assertEquals(OptionalLong.of(3), ServerErrorDetails.copyLine("COPY item, line 3, column name", "item"));
    assertEquals(OptionalLong.of(9), ServerErrorDetails.copyLine("SQL function \"f\"\nCOPY a, line 2, b, line 9", "a, line 2, b"),
        "a relation name holding the pattern itself");
  }

  @Test
  void noRowWhenTheContextIsAnotherOne() {
    assertEquals(OptionalLong.empty(), ServerErrorDetails.copyLine(null, "item"));
    assertEquals(OptionalLong.empty(), ServerErrorDetails.copyLine("COPY other, line 4", "item"));
    assertEquals(OptionalLong.empty(), ServerErrorDetails.copyLine("COPY item, ligne 4", "item"), "another language");
    assertEquals(OptionalLong.empty(), ServerErrorDetails.copyLine("COPY item, line ", "item"));
    assertEquals(OptionalLong.empty(), ServerErrorDetails.copyLine("COPY item, line 99999999999999999999", "item"));
  }
}
