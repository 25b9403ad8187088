package dev.spillway.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints one clear line for a failed command ({@code spillway: <message>}), the cause chain when
 * {@code --verbose} was given anywhere on the command line, and returns the mapped exit code.
 * Never prints a bare stack trace unless verbose.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  private final ExitCodeMapper mapper;

  ErrorHandler(ExitCodeMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    err.println("spillway: " + describe(ex));
    boolean verbose = parseResult.expandedArgs().stream().anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
    if (verbose) {
      for (Throwable t = ex.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        err.println("  caused by: " + describe(t));
      }
      ex.printStackTrace(err);
    }
    err.flush();
    return mapper.exitCode(ex);
  }

  static String describe(Throwable t) {
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
  }
}
