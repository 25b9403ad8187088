package dev.spillway.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** A bad command line: one line naming the problem, a pointer to --help, exit code 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("spillway: " + ex.getMessage());
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.USAGE;
  }
}
