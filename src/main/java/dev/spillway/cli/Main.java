package dev.spillway.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
    int exitCode = commandLine(CliContext.system(), args.length > 0 ? args[0] : null).execute(args);
    finished.set(true);
    System.exit(exitCode);
  }

  /** The fully wired command line; tests call {@code execute} on it with captured out/err. */
  public static CommandLine commandLine() {
    return commandLine(CliContext.system());
  }

  /** The command line with the given environment, terminal and password prompt (tests set them). */
  public static CommandLine commandLine(CliContext context) {
    return commandLine(context, null);
  }

  /**
   * The command line with every subcommand, or only {@code first}'s when it names one: the
   * arguments then go to that subcommand, whose model is all that parsing, help and errors use, and
   * building the other six (picocli reads their annotations reflectively) was a tenth of a short
   * spill's start-up.
   */
  static CommandLine commandLine(CliContext context, String first) {
    ExitCodeMapper mapper = new ExitCodeMapper();
    CommandLine cmd = new CommandLine(new SpillwayCommand(context));
    Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
    subcommands.put("spill", SpillCommand::new);
    subcommands.put("load", LoadCommand::new);
    subcommands.put("run", RunCommand::new);
    subcommands.put("status", StatusCommand::new);
    subcommands.put("inspect", InspectCommand::new);
    subcommands.put("verify", VerifyCommand::new);
    subcommands.put("cat", CatCommand::new);
    if (first != null && subcommands.containsKey(first)) {
      cmd.addSubcommand(first, subcommands.get(first).get());
    } else {
      subcommands.forEach((name, command) -> cmd.addSubcommand(name, command.get()));
    }
    cmd.setExecutionExceptionHandler(new ErrorHandler(mapper));
    cmd.setExitCodeExceptionMapper(mapper);
    cmd.setParameterExceptionHandler(new UsageErrorHandler());
    HelpLayout.apply(cmd, context);
    return cmd;
  }
}
