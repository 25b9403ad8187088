package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link PgText#checkText}: its fast scan stops at NUL and at every char from the surrogates up, then decides exactly. */
class PgTextCheckTest {
  @Test
  void acceptsEverythingButNulAndLoneSurrogatesAroundTheFastScansBoundaries() {
    for (String ok : new String[] {"", "a", "\u0001", "\uD7FF", "\uE000", "\uFFFF", "ab\u00e9", "x\uD83D\uDE00y",
        "\uDBFF\uDFFF", "a\uFFFFb\uD800\uDC00"}) {
      assertDoesNotThrow(() -> PgText.checkText(ok), ok);
    }
  }

  @Test
  void rejectsNulAndLoneSurrogatesNamingTheChar() {
    assertEquals("NUL byte in text", reason("\0"));
    assertEquals("NUL byte in text", reason("ab\u00e9\0"));
    assertEquals("NUL byte in text", reason("\uE000\0"));
    assertEquals("invalid UTF-16 surrogate in text at char 0", reason("\uD800"));
    assertEquals("invalid UTF-16 surrogate in text at char 2", reason("ab\uDC00"));
    assertEquals("invalid UTF-16 surrogate in text at char 3", reason("a\uD83D\uDE00\uD83Dz"));
    assertEquals("invalid UTF-16 surrogate in text at char 1", reason("\uFFFF\uDBFF"));
  }

  private static String reason(String text) {
    return assertThrows(InvalidValueException.class, () -> PgText.checkText(text), text).reason();
  }
}
