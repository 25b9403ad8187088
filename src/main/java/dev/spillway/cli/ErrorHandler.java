package dev.spillway.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints one clear line for a failed command ({@code spillway: <message>}), the cause chain when
 * the failed command's {@link VerboseMixin} says {@code --verbose}, and returns the mapped exit code.
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
    boolean verbose = cmd.getMixins().get("verbose") instanceof VerboseMixin v && v.verbose();
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
