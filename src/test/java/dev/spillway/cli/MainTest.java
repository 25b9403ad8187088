package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  /** Standard output and error of the last {@link #run}. */
  private String out = "";
  private String err = "";

  private int run(String... args) {
    CliRun result = CliRun.of(args);
    out = result.out();
    err = result.err();
    return result.exitCode();
  }

  @Test
  void helpListsExitCodes() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("4  corrupt, incomplete or unreadable spill directory"), out.toString());
    assertTrue(out.toString().contains("  spill    CSV, TSV, text, JSON lines -> "), "every input format: " + out);
  }

  /** The command list shows each subcommand's first description element: it must be a whole sentence. */
  @Test
  void rootHelpListsEveryCommandWithAWholeSentence() {
    assertEquals(0, run("--help"));
    String help = out.toString();
    String list = help.substring(help.indexOf("Commands:"));
    for (String command : new String[] {"spill", "load", "run", "status", "inspect", "verify", "cat"}) {
      assertTrue(help.contains("\n  " + command + " "), "root header mentions " + command + ":\n" + help);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  " + command + "\\s+(\\S.*(?:\\n {4,}\\S.*)*)")
          .matcher(list);
      assertTrue(m.find(), command + " listed:\n" + list);
      String sentence = m.group(1).replaceAll("\\s+", " ").trim();
      assertTrue(sentence.endsWith("."), command + ": description cut mid-sentence: '" + sentence + "'");
    }
    String header = help.substring(0, help.indexOf("Commands:"));
    java.util.List<String> lines = header.lines().toList();
    int note = lines.indexOf("inspect, verify and cat need no database.");
    assertTrue(note > 2, header);
    lines.subList(2, note).forEach(line -> assertTrue(line.startsWith("  "), "header line wraps: '" + line + "'"));
  }

  /**
   * main builds only the subcommand its first argument names: the same command as in the full
   * command line (name, usage), alone; anything else gets every command.
   */
  @Test
  void aSubcommandRunsInACommandLineOfItsOwnThatMatchesTheFullOne() {
    picocli.CommandLine full = Main.commandLine(CliContext.system());
    assertEquals(Main.SUBCOMMANDS.keySet(), full.getSubcommands().keySet());
    for (String name : Main.SUBCOMMANDS.keySet()) {
      picocli.CommandLine alone = Main.commandLine(CliContext.system(), new String[] {name, "--help"});
      assertEquals(java.util.Set.of(name), alone.getSubcommands().keySet());
      assertEquals(name, alone.getSubcommands().get(name).getCommandName());
      assertEquals(full.getSubcommands().get(name).getUsageMessage(), alone.getSubcommands().get(name).getUsageMessage());
    }
    assertEquals(full.getSubcommands().keySet(), Main.commandLine(CliContext.system(), new String[] {"--help"})
        .getSubcommands().keySet());
    assertEquals(full.getSubcommands().keySet(), Main.commandLine(CliContext.system(), new String[] {"lod"})
        .getSubcommands().keySet(), "a misspelt command gets the full list, for its suggestion");
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

  @Test
  void anErrorIsOneLineAndVerboseAddsTheCauseChain(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("manifest.json"), "{");
    assertEquals(ExitCode.CORRUPT, run("inspect", dir.toString()));
    assertEquals(1, err.strip().lines().count(), err);
    assertEquals(ExitCode.CORRUPT, run("inspect", dir.toString(), "--verbose"));
    assertTrue(err.contains("\tat dev.spillway."), "a stack trace with --verbose: " + err);
  }
}
