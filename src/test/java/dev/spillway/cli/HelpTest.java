package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.ClientEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code -?/--help} of every command at a set width: fits it, breaks only between words, shows {@code -o FILE}. */
class HelpTest {
  private static final List<String> COMMANDS = List.of("spill", "load", "run", "status", "inspect", "verify", "cat");

  private static String help(int columns, String command) {
    CliRun r = CliRun.with(CliContext.of(ClientEnvironment.of(Map.of(), "u"), columns), command, "--help");
    assertEquals(ExitCode.OK, r.exitCode(), r.toString());
    return r.out();
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 80, 120})
  void helpFitsTheWidthAndWrapsBetweenWords(int columns) {
    for (String command : COMMANDS) {
      String narrow = help(columns, command);
      for (String line : narrow.lines().toList()) {
        assertTrue(line.length() <= columns, command + " at " + columns + ": " + line.length() + ": " + line);
      }
      assertEquals(words(help(1000, command)), words(narrow), command + ": the same words at any width");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {80})
  void optionValuesAreShownWithASpace(int columns) {
    String cat = help(columns, "cat");
    assertTrue(cat.contains("-o, --output FILE"), cat);
    for (String command : COMMANDS) {
      String text = help(columns, command);
      assertFalse(text.matches("(?s).*--?[a-zA-Z-]+=[A-Z].*"), command + " shows OPTION=VALUE: " + text);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"spill", "load", "run", "verify"})
  void longCommandsShareQuietProgressAndJson(String command) {
    String text = help(200, command);
    assertTrue(text.contains("-q, --quiet"), text);
    assertTrue(text.contains("--[no-]progress"), text);
    assertTrue(text.contains("--json"), text);
  }

  /**
   * main() builds only the subcommand its first argument names: that command line must answer
   * exactly as the full tree does, for help and for usage errors, and build no other subcommand.
   */
  @Test
  void theOneSubcommandLineAnswersAsTheFullTree() {
    CliContext context = CliContext.of(ClientEnvironment.of(Map.of(), "u"), 100);
    for (String command : COMMANDS) {
      assertEquals(Set.of(command), Main.commandLine(context, command).getSubcommands().keySet());
      for (String[] args : List.of(new String[] {command, "--help"}, new String[] {command, "--no-such-option"},
          new String[] {command})) {
        CliRun full = CliRun.with(context, args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine one = Main.commandLine(context, command);
        one.setOut(new PrintWriter(out));
        one.setErr(new PrintWriter(err));
        int code = one.execute(args);
        assertEquals(full.exitCode(), code, Arrays.toString(args));
        assertEquals(full.out(), out.toString(), Arrays.toString(args));
        assertEquals(full.err(), err.toString(), Arrays.toString(args));
      }
    }
    assertEquals(COMMANDS.size(), Main.commandLine(context, "spil").getSubcommands().size(), "not a name: every command");
    assertEquals(COMMANDS.size(), Main.commandLine(context, null).getSubcommands().size());
  }
}
