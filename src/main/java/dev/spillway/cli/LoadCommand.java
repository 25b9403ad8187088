package dev.spillway.cli;

import dev.spillway.load.LoadProgress;
import dev.spillway.load.LoadSummary;
import dev.spillway.load.Loader;
import dev.spillway.load.ProgressMode;
import dev.spillway.load.SummaryFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spillway load DIR}: stage two. Progress on standard error, the summary on standard output. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = {"Load a sealed spill directory into PostgreSQL: each segment in one transaction with its progress row,"
        + " so running the same command again resumes where a failed or killed load stopped."})
final class LoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The spill directory.")
  Path directory;

  @Mixin ConnectionMixin connection;
  @Mixin LoadOptionsMixin load;
  @Mixin VerboseMixin verbose;

  @Option(names = {"-q", "--quiet"}, description = "No progress and no text summary (errors are still printed).")
  boolean quiet;

  @Option(names = "--json", description = "Print the summary as JSON on standard output.")
  boolean json;

  @Override
  public Integer call() {
    if (!Files.isDirectory(directory)) {
      throw new ParameterException(spec.commandLine(), "not a directory: " + directory);
    }
    var options = load.loadOptions(spec);
    var factory = connection.connectionFactory(spec.commandLine().getErr());
    LoadProgress progress = ProgressMode.detect(quiet, System.console() != null).create(spec.commandLine().getErr());
    LoadSummary summary = new Loader(factory, options, progress).load(directory);
    if (json) {
      spec.commandLine().getOut().println(SummaryFormat.json(summary));
    } else if (!quiet) {
      spec.commandLine().getOut().print(SummaryFormat.text(summary));
    }
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
