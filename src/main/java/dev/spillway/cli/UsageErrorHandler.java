package dev.spillway.cli;

import dev.spillway.segment.Printable;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A bad command line: one line naming the problem, a pointer to --help, exit code 2. A word that is
 * no command ({@code spillway spil}) is called an unknown command, and picocli's suggestions for a
 * misspelt command or option are offered ({@code did you mean spill?}).
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("spillway: " + Printable.escape(message(ex)));
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.USAGE;
  }

  static String message(ParameterException ex) {
    if (!(ex instanceof UnmatchedArgumentException unmatched)) {
      return ex.getMessage();
    }
    CommandLine cmd = ex.getCommandLine();
    List<String> words = unmatched.getUnmatched();
    String message = ex.getMessage();
    if (!cmd.getSubcommands().isEmpty() && !words.isEmpty() && !words.get(0).startsWith("-")) {
      message = "unknown command '" + words.get(0) + "'";
    }
    List<String> suggestions = unmatched.getSuggestions();
    return suggestions.isEmpty() ? message : message + " (did you mean " + suggestions.get(0) + "?)"; // the closest
  }
}
