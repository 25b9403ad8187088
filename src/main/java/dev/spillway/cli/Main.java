package dev.spillway.cli;

import picocli.CommandLine;

/** Entry point: builds the command tree and exits with the command's exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The fully wired command line; tests call {@code execute} on it with captured out/err. */
  public static CommandLine commandLine() {
    ExitCodeMapper mapper = new ExitCodeMapper();
    CommandLine cmd = new CommandLine(new SpillwayCommand());
    cmd.addSubcommand("spill", new SpillCommand());
    cmd.addSubcommand("load", new LoadCommand());
    cmd.addSubcommand("run", new RunCommand());
    cmd.addSubcommand("status", new StatusCommand());
    cmd.addSubcommand(new InspectCommand());
    cmd.addSubcommand(new VerifyCommand());
    cmd.addSubcommand(new CatCommand());
    cmd.setExecutionExceptionHandler(new ErrorHandler(mapper));
    cmd.setExitCodeExceptionMapper(mapper);
    cmd.setParameterExceptionHandler(new UsageErrorHandler());
    return cmd;
  }
}
