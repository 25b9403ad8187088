package dev.spillway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Test fixture: one run of the real command line with captured stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
  /** A run of the command line {@link Main#main} builds for {@code args}. */
  public static CliRun of(String... args) {
    return of(Main.commandLine(CliContext.system(), args), args);
  }

  /** A run with the given environment, terminal width and password prompt. */
  public static CliRun with(CliContext context, String... args) {
    return of(Main.commandLine(context, args), args);
  }

  private static CliRun of(CommandLine cmd, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
