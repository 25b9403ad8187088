package dev.spillway.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;

/** Entry point: builds the command tree and exits with the command's exit code. */
public final class Main {
  private Main() {}

  /** Printed when a signal (SIGTERM, Ctrl-C) ends the process before the command returns. */
  static final String STOPPED = "spillway: stopped by a signal before the command finished; whatever was committed stays"
      + " (each segment is in or out whole): run the same command again to resume";

  public static void main(String[] args) {
    AtomicBoolean finished = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!finished.get()) {
        System.err.println(STOPPED);
        System.err.flush();
      }
    }, "spillway-signal-note"));
    int exitCode = commandLine().execute(args);
    finished.set(true);
    System.exit(exitCode);
  }

  /** The fully wired command line; tests call {@code execute} on it with captured out/err. */
  public static CommandLine commandLine() {
    return commandLine(CliContext.system());
  }

  /** The command line with the given environment, terminal and password prompt (tests set them). */
  public static CommandLine commandLine(CliContext context) {
    ExitCodeMapper mapper = new ExitCodeMapper();
    CommandLine cmd = new CommandLine(new SpillwayCommand(context));
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
    HelpLayout.apply(cmd, context);
    return cmd;
  }
}
