package dev.spillway.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point: builds the command tree and exits with the command's exit code. */
public final class Main {
  private Main() {}

  /**
   * Printed when a signal (SIGTERM, Ctrl-C) ends the process before the command returns, followed
   * by the command's own {@link SignalNote} if it has one ({@link #stoppedLine}).
   */
  static final String STOPPED = "spillway: stopped by a signal before the command finished";

  /**
   * Runs {@code args}. On a terminal, standard error becomes the context's {@link TerminalStream}
   * before anything writes to it, so that every writer (warnings, errors, logging from any thread,
   * the signal note) shares the one last line with the progress bar instead of writing into it.
   */
  public static void main(String[] args) {
    CliContext context = CliContext.system();
    context.terminal().ifPresent(System::setErr);
    AtomicBoolean finished = new AtomicBoolean();
    AtomicReference<ParseResult> parsed = new AtomicReference<>(); // set on this thread, read by the hook's
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!finished.get()) {
        context.terminalLine().ifPresent(TerminalStream::release); // the note after the bar, not in it
        System.err.println(stoppedLine(parsed.get()));
        System.err.flush();
      }
    }, "spillway-signal-note"));
    CommandLine cmd = commandLine(context, args);
    cmd.setExecutionStrategy(parseResult -> {
      parsed.set(parseResult);
      return new CommandLine.RunLast().execute(parseResult);
    });
    int exitCode = cmd.execute(args);
    finished.set(true);
    context.terminalLine().ifPresent(TerminalStream::release); // a bar left drawn ends its line
    ExitCodeFile.write(System.getProperty(ExitCodeFile.PROPERTY), exitCode, System.err);
    System.exit(exitCode);
  }

  /**
   * What the shutdown hook prints when a signal ends the process: {@link #STOPPED}, then the
   * {@link SignalNote} of the command {@code parsed} runs, if any ({@code parsed} null: the signal
   * came before the command line was parsed).
   */
  static String stoppedLine(ParseResult parsed) {
    ParseResult leaf = parsed;
    while (leaf != null && leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    return leaf != null && leaf.commandSpec().userObject() instanceof SignalNote note ? STOPPED + "; " + note.afterSignal()
        : STOPPED;
  }

  /** The fully wired command line; tests call {@code execute} on it with captured out/err. */
  public static CommandLine commandLine() {
    return commandLine(CliContext.system());
  }

  /** The command line with the given environment, terminal and password prompt (tests set them). */
  public static CommandLine commandLine(CliContext context) {
    return commandLine(context, SUBCOMMANDS.keySet());
  }

  /**
   * The command line that runs {@code args}: when the first argument names a subcommand, with only
   * that one. Picocli builds each command's model from its annotations when it is added, ~10 ms a
   * command at start-up (issue 11); the root's help and its list of commands need them all, and
   * get them.
   */
  public static CommandLine commandLine(CliContext context, String[] args) {
    return args.length > 0 && SUBCOMMANDS.containsKey(args[0]) ? commandLine(context, Set.of(args[0]))
        : commandLine(context);
  }

  /** Every subcommand by name, in the order of the root's help. */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> out = new LinkedHashMap<>();
    out.put("spill", SpillCommand::new);
    out.put("load", LoadCommand::new);
    out.put("run", RunCommand::new);
    out.put("status", StatusCommand::new);
    out.put("inspect", InspectCommand::new);
    out.put("verify", VerifyCommand::new);
    out.put("cat", CatCommand::new);
    return Collections.unmodifiableMap(out);
  }

  private static CommandLine commandLine(CliContext context, Set<String> names) {
    ExitCodeMapper mapper = new ExitCodeMapper();
    CommandLine cmd = new CommandLine(new SpillwayCommand(context));
    SUBCOMMANDS.forEach((name, command) -> {
      if (names.contains(name)) {
        cmd.addSubcommand(name, new CommandLine(command.get())); // as a CommandLine: picocli 4.7.7 drops a
        // command's model transformer (RunCommand's) when given the bare object
      }
    });
    cmd.setExecutionExceptionHandler(new ErrorHandler(mapper));
    cmd.setExitCodeExceptionMapper(mapper);
    cmd.setParameterExceptionHandler(new UsageErrorHandler());
    HelpLayout.apply(cmd, context);
    return cmd;
  }
}
