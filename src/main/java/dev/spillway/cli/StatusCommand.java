package dev.spillway.cli;

import dev.spillway.load.LoadStatus;
import dev.spillway.load.StatusReport;
import dev.spillway.pg.ControlSchema;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spillway status DIR}: per table, segments and rows loaded out of the total. Changes nothing. */
@Command(name = "status",
    description = {"Show how far a spill directory is loaded: per table, segments and rows loaded out of the total."})
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpMixin help;

  @Parameters(index = "0", paramLabel = "DIR", description = "The spill directory.")
  Path directory;

  @Mixin ConnectionMixin connection;
  @Mixin StallTimeoutMixin stall;
  @Mixin VerboseMixin verbose;

  @Option(names = "--schema", paramLabel = "SCHEMA", description = "The schema it was loaded into, if not the spill's target schema.")
  String schema;

  @Option(names = "--control-schema", paramLabel = "NAME", defaultValue = ControlSchema.DEFAULT_NAME,
      description = "Schema of spillway's progress tables (default: ${DEFAULT-VALUE}).")
  String controlSchema;

  @Mixin ReportMixin report;

  @Override
  public Integer call() {
    SpillDirectoryArgument.require(spec, directory);
    StatusReport report = new LoadStatus(stall.apply(connection.connectionFactory(spec.commandLine().getErr())))
        .read(directory, Optional.ofNullable(schema), controlSchema);
    this.report.print(spec.commandLine().getOut(), () -> StatusText.render(report), () -> report);
    return ExitCode.OK;
  }
}
