package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding B6 (session 6): a spill directory that cannot be created is exit 4 (not a usage error:
 * no "Try --help"), and I/O failures are said in plain words, without Java's class names.
 */
class IoFailureWordsTest {
  @TempDir
  Path tmp;

  private static void plainWords(CliRun r) {
    assertFalse(r.err().contains("java.") || r.err().contains("Exception"), r.toString());
  }

  @Test
  void anOutDirectoryThatCannotBeCreatedIsExit4InPlainWords() throws Exception {
    Path plan = CliFixture.plan(tmp, "io_words");
    Path blocked = Files.writeString(tmp.resolve("a-file"), "x").resolve("spill"); // its parent is a regular file
    CliRun r = CliRun.of("spill", "--plan", plan.toString(), "--out", blocked.toString());
    assertEquals(ExitCode.CORRUPT, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("spillway: " + blocked + ": cannot create: "), r.toString());
    assertFalse(r.err().contains("Try '"), "not a usage error: " + r);
    plainWords(r);
  }

  @Test
  void anOpenSpillWithoutForceIsStillAUsageError() throws Exception {
    Path plan = CliFixture.plan(tmp, "io_words");
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("segments"));
    Files.writeString(out.resolve("unrelated.txt"), "mine");
    CliRun r = CliRun.of("spill", "--plan", plan.toString(), "--out", out.toString(), "--force");
    assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
  }

  @Test
  void aMissingPlanFileIsSaidInPlainWords() {
    CliRun r = CliRun.of("spill", "--plan", tmp.resolve("nope.yaml").toString(), "--out", tmp.resolve("out").toString());
    assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains(tmp.resolve("nope.yaml") + ": no such file or directory"), r.toString());
    plainWords(r);
  }
}
