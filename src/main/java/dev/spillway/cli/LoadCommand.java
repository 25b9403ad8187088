package dev.spillway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spillway load DIR}: stage two. Progress on standard error, the summary on standard output. */
@Command(name = "load",
    description = {"Load a sealed spill directory into PostgreSQL: each segment in one transaction with its progress row,"
        + " so running the same command again resumes where a failed or killed load stopped."})
final class LoadCommand implements Callable<Integer>, SignalNote {
  /** What a load (and a run) interrupted by a signal leaves, and what to do. */
  static final String RESUME = "whatever was committed stays (each segment is in or out whole): run the same command"
      + " again to resume";

  @Spec CommandSpec spec;
  @Mixin HelpMixin help;

  @Parameters(index = "0", paramLabel = "DIR", description = "The spill directory.")
  Path directory;

  @Mixin ConnectionMixin connection;
  @Mixin StallTimeoutMixin stall;
  @Mixin LoadOptionsMixin load;
  @Mixin VerboseMixin verbose;

  @Mixin LoadReportMixin report;

  @Override
  public Integer call() {
    SpillDirectoryArgument.require(spec, directory);
    var options = load.loadOptions(spec);
    var factory = stall.apply(connection.connectionFactory(spec.commandLine().getErr()));
    report.load(factory, options, directory, spec.commandLine().getOut(), spec.commandLine().getErr());
    return ExitCode.OK;
  }

  /** A load commits each segment with its progress row: the same command goes on after the last one committed. */
  @Override
  public String afterSignal() {
    return RESUME;
  }
}
