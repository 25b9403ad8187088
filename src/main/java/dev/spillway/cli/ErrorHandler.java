package dev.spillway.cli;

import dev.spillway.api.RunStoppedException;
import dev.spillway.segment.IoErrors;
import dev.spillway.segment.Printable;
import java.io.IOException;
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
    if (ex instanceof RunStoppedException stopped) { // the cause's line, then what stays loaded and what to do
      err.println("spillway: " + describe(stopped.getCause()));
      RunStoppedText.lines(stopped).forEach(line -> err.println("spillway: " + Printable.escape(line)));
    } else {
      err.println("spillway: " + describe(ex));
    }
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

  /**
   * The message with control characters escaped ({@link Printable}): messages quote names from
   * spill files and the database. A plan's problems keep their line breaks (one problem a line). An
   * I/O failure quoted as Java prints it ({@code java.nio.file.AccessDeniedException: /x}) is said
   * in plain words ({@code /x: permission denied}: {@link IoErrors}), wherever the message was made.
   */
  static String describe(Throwable t) {
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      return t instanceof IOException io ? IoErrors.describe(io) : t.getClass().getSimpleName();
    }
    msg = IoErrors.plain(msg, t);
    return t instanceof dev.spillway.plan.PlanException ? Printable.escapeKeepingLines(msg) : Printable.escape(msg);
  }
}
