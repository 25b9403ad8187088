package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  @Test
  void helpListsExitCodes() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("4  corrupt or incomplete spill directory"), out.toString());
  }

  @Test
  void versionPrints() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().startsWith("spillway "), out.toString());
  }

  @Test
  void unknownOptionIsUsageErrorWithOneLine() {
    assertEquals(ExitCode.USAGE, run("--no-such-option"));
    assertTrue(err.toString().startsWith("spillway: Unknown option: '--no-such-option'"), err.toString());
  }
}
