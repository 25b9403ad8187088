package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, item 15: small faults with clear outcomes. */
class CliEdgesTest {
  @TempDir
  Path tmp;

  @Test
  void catToABareFileNameWritesItAndExitsZero() throws Exception {
    java.util.List<byte[]> rows = java.util.List.of(dev.spillway.segment.TestSpill.idName(1, "one"),
        dev.spillway.segment.TestSpill.idName(2, "two"));
    dev.spillway.segment.TestSpill.in(tmp.resolve("spill")).table("item", dev.spillway.segment.TestSpill.ID_NAME, rows)
        .write();
    Path bare = Path.of("cat-test-" + UUID.randomUUID() + ".csv"); // no directory part: relative to the working directory
    try {
      CliRun r = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "item", "-o", bare.toString());
      assertEquals(ExitCode.OK, r.exitCode(), r.err());
      assertTrue(Files.size(bare) > 0);
      assertTrue(!Files.exists(Path.of(bare + ".tmp")));
    } finally {
      Files.deleteIfExists(bare);
    }
  }

  @Test
  void aSpillDirectoryThatDoesNotExistIsAUsageErrorAsTheReadmeSays() throws Exception {
    for (String command : new String[] {"load", "status", "inspect", "verify"}) {
      CliRun r = CliRun.of(command, tmp.resolve("nosuchdir").toString(), "--url", "postgresql://u@127.0.0.1:1/db");
      if (command.equals("inspect") || command.equals("verify")) {
        r = CliRun.of(command, tmp.resolve("nosuchdir").toString());
      }
      assertEquals(ExitCode.USAGE, r.exitCode(), command + ": " + r.err());
      if (!command.equals("inspect")) { // inspect also takes a segment file: "no such file or directory"
        assertTrue(r.err().startsWith("spillway: no such directory: " + tmp.resolve("nosuchdir")), command + ": " + r.err());
      }
    }
    CliRun file = CliRun.of("verify", Files.writeString(tmp.resolve("a-file"), "x").toString());
    assertTrue(file.err().startsWith("spillway: not a directory: "), file.err());
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains("| 2 | usage error, invalid plan, or a spill directory argument that does not exist;"),
        "README's exit-code table says what the code does");
  }

  /** Finding B8 (session 6): a misspelt command is called unknown, with picocli's closest suggestion. */
  @Test
  void aMisspeltCommandSuggestsTheClosestOne() {
    CliRun r = CliRun.of("spil", "--plan", "p.yaml", "--out", "s");
    assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("spillway: unknown command 'spil' (did you mean spill?)\n"), r.err());
    CliRun option = CliRun.of("spill", "--plan", "p.yaml", "--out", "s", "--forc");
    assertTrue(option.err().contains("(did you mean --force?)"), option.err());
    CliRun nothingClose = CliRun.of("xyzzy");
    assertTrue(nothingClose.err().startsWith("spillway: unknown command 'xyzzy'\n"), nothingClose.err());
  }
}
