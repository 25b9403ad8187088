package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reason longer than the limit is cut at a code point boundary, so no character is lost or garbled. */
class RejectReasonsTest {
  @TempDir
  Path tmp;

  @Test
  void aLongReasonIsNotCutInsideASurrogatePair() {
    String head = "x".repeat(RejectReasons.MAX_CHARS - 1);
    String text = head + "\uD83D\uDE00 and more"; // the emoji's pair straddles the limit
    try (RejectReasons reasons = new RejectReasons(tmp.resolve("rejected").resolve("reasons"))) {
      long at = reasons.append(text);
      long plain = reasons.append("y".repeat(RejectReasons.MAX_CHARS + 5));
      assertEquals(head + "…", reasons.read(at));
      assertEquals("y".repeat(RejectReasons.MAX_CHARS) + "…", reasons.read(plain));
    }
  }
}
